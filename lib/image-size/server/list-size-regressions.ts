/**
 * Size regressions estate-wide: each repository and architecture whose NEWEST image is flagged
 * (grew past the threshold against its baseline). An older flagged image that later builds have
 * superseded is history (on the repository page), not a regression to act on now.
 * The estate-wide list (no filter) reads what the sync kept per registry when current
 * (derived-size-regressions.ts); a filtered one walks its series.
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import { repositoryScope } from "@/lib/auth/server/team-scope";
import type { TrendSettings } from "@/lib/image-size/image-size";
import { listImageSizeTrends } from "./list-image-size-trends";
import type { TrendFilter } from "../trend-params";
import {
  listDerivedSizeRegressions,
  newestRegression,
  regressionWindow,
  type SizeRegression,
} from "./derived-size-regressions";

export type { SizeRegression };

export async function listSizeRegressions(
  filter: TrendFilter,
  settings: TrendSettings,
  access: Access,
): Promise<SizeRegression[]> {
  if (filter.registry === undefined && filter.repository === undefined) {
    const [kept, scope] = await Promise.all([listDerivedSizeRegressions(settings), repositoryScope(access)]);
    const readable = scope.kind === "all" ? null : new Set(scope.repositoryIds);
    return kept.flatMap(({ repositoryId, ...regression }) =>
      readable === null || readable.has(repositoryId) ? [regression] : [],
    );
  }
  return listComputedSizeRegressions(filter, settings, access);
}

/** The regressions walked from every series the filter and access select (the kept list's reference). */
export async function listComputedSizeRegressions(
  filter: TrendFilter,
  settings: TrendSettings,
  access: Access,
): Promise<SizeRegression[]> {
  const regressions: SizeRegression[] = [];
  for await (const series of listImageSizeTrends(filter, settings, access, regressionWindow(settings))) {
    const regression = newestRegression(series);
    if (regression) regressions.push(regression);
  }
  return regressions;
}

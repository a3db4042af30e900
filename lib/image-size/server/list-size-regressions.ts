/**
 * Size regressions estate-wide: each repository and architecture whose NEWEST image is flagged
 * (grew past the threshold against its baseline). An older flagged image that later builds have
 * superseded is history (on the repository page), not a regression to act on now.
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import type { TrendSettings } from "@/lib/image-size/image-size";
import { listImageSizeTrends } from "./list-image-size-trends";
import type { TrendFilter } from "../trend-params";
import { toSizePointView, type SizePointView } from "../trend-views";

export type SizeRegression = { registry: string; repository: string; architecture: string; image: SizePointView };

export async function listSizeRegressions(
  filter: TrendFilter,
  settings: TrendSettings,
  access: Access,
): Promise<SizeRegression[]> {
  const regressions: SizeRegression[] = [];
  // The newest image's baseline needs only the N images before it.
  const window = (settings.baseline.kind === "previous" ? 1 : settings.baseline.count) + 1;
  for await (const series of listImageSizeTrends(filter, settings, access, window)) {
    const newest = series.points.at(-1);
    if (!newest?.flagged) continue;
    regressions.push({
      registry: series.registry,
      repository: series.repository,
      architecture: series.architecture,
      image: toSizePointView(newest),
    });
  }
  return regressions;
}

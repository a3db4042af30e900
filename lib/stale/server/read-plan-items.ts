/**
 * The items of a page's segments (plan-window.ts), whichever way each registry's plan was found:
 * kept registries' items read by position in one statement, computed ones sliced from memory.
 */
import type { PlanItem } from "@/lib/stale/decide";
import { matchesPlanItem } from "../plan-filter";
import type { ItemSegment, RunFilter } from "../plan-window";
import type { RegistryPlanSource } from "./derived-cleanup-plan";
import { readKeptSegments } from "./kept-plan-items";

export async function readPlanItems(
  segments: readonly ItemSegment<RegistryPlanSource>[],
  filter: RunFilter,
): Promise<PlanItem[]> {
  const kept = await readKeptSegments(
    segments.flatMap((s) => (s.source.kind === "kept" ? [{ ...s, source: s.source.registry }] : [])),
    filter,
  );
  const only = { action: filter.action, reason: filter.reason };
  let next = 0;
  return segments.flatMap(({ source, run, skip, take }) =>
    source.kind === "kept"
      ? kept[next++]
      : source.plan.items
          .slice(run.start, run.start + run.rows)
          .filter((item) => matchesPlanItem(item, only))
          .slice(skip, skip + take),
  );
}

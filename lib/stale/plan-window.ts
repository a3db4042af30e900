/**
 * A page of a plan's filtered items located by counts alone: each repository run says how many of
 * its items pass the action and reason filters, so the page's items are the few runs it overlaps,
 * each read from its `skip`-th matching item on. No item outside the page is read.
 */
import type { PlanGroup, PlanRun } from "./plan-codec";
import type { PlanItemFilter } from "./plan-filter";

export type RunFilter = Pick<PlanItemFilter, "action" | "reason">;

export const groupMatches = (group: PlanGroup, filter: RunFilter) =>
  (!filter.action || group.action === filter.action) && (!filter.reason || group.reasonCode === filter.reason);

/** How many of the run's items pass the action and reason filters. */
export function runMatching(run: PlanRun, filter: RunFilter): number {
  return run.groups.reduce((n, g) => (groupMatches(g, filter) ? n + g.rows : n), 0);
}

export type RunMatch<R> = { source: R; run: PlanRun; matching: number };
/** Of `run`'s matching items (in plan order), `take` from the `skip`-th. */
export type ItemSegment<R> = RunMatch<R> & { skip: number; take: number };

/** The segments holding matching items [offset, offset + size), in order. */
export function itemWindow<R>(matches: readonly RunMatch<R>[], offset: number, size: number): ItemSegment<R>[] {
  const segments: ItemSegment<R>[] = [];
  let before = 0;
  let wanted = size;
  for (const match of matches) {
    if (wanted === 0) break;
    const skip = Math.max(0, offset - before);
    before += match.matching;
    if (skip >= match.matching) continue;
    const take = Math.min(match.matching - skip, wanted);
    segments.push({ ...match, skip, take });
    wanted -= take;
  }
  return segments;
}

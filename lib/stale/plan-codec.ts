/**
 * One registry's cleanup plan as kept: a digest (the registry_derived body: reclaimable bytes, each
 * reason text once, and per repository its position range and counts by action and reason) beside
 * its items, kept as rows in plan order (cleanup_plan_items). Everything the Stale tags page shows
 * but the items themselves adds up from the digest, and a page of items is read by position: a
 * repository's items are one contiguous range. A body in another shape decodes to null: recompute.
 */
import type { PlanAction, PlanItem } from "./decide";
import type { ReasonCode } from "./reasons";

/** Bump when the shape changes: the version is part of every stored plan's key. */
export const PLAN_CODEC_VERSION = 3;

/** A repository's items of one action and reason code. */
export type PlanGroup = {
  action: PlanAction;
  reasonCode: ReasonCode;
  rows: number;
  /** Σ tags of the rows. */
  tags: number;
  /** Σ the rows' own manifest sizes. */
  sizeBytes: bigint;
};

/** A repository's items: positions [start, start + rows) of the registry's plan. */
export type PlanRun = { repository: string; start: number; rows: number; groups: PlanGroup[] };

export type PlanDigest = {
  /** Identifies the kept items written with this digest. */
  planId: string;
  reclaimableBytes: bigint;
  /** Reason texts, each once; an item holds its text's index. */
  reasons: string[];
  runs: PlanRun[];
};

export type RegistryPlanBody = { items: PlanItem[]; reclaimableBytes: bigint };

type EncodedGroup = [action: PlanAction, reasonCode: ReasonCode, rows: number, tags: number, sizeBytes: string];
type EncodedDigest = {
  planId: string;
  reclaimableBytes: string;
  reasons: string[];
  runs: [repository: string, groups: EncodedGroup[]][];
};

/** The digest of a plan's items (in their order), with each item's reason index. */
export function digestRegistryPlan(
  plan: RegistryPlanBody,
  planId: string,
): { digest: PlanDigest; reasonIndexes: number[] } {
  const reasons = new Map<string, number>();
  const reasonIndexes: number[] = [];
  const runs: PlanRun[] = [];
  plan.items.forEach((item, position) => {
    let reason = reasons.get(item.reason);
    if (reason === undefined) reasons.set(item.reason, (reason = reasons.size));
    reasonIndexes.push(reason);
    let run = runs.at(-1);
    if (run?.repository !== item.repository)
      runs.push((run = { repository: item.repository, start: position, rows: 0, groups: [] }));
    run.rows += 1;
    let group = run.groups.find((g) => g.action === item.action && g.reasonCode === item.reasonCode);
    if (!group)
      run.groups.push((group = { action: item.action, reasonCode: item.reasonCode, rows: 0, tags: 0, sizeBytes: 0n }));
    group.rows += 1;
    group.tags += item.tags.length;
    group.sizeBytes += item.sizeBytes;
  });
  return {
    digest: { planId, reclaimableBytes: plan.reclaimableBytes, reasons: [...reasons.keys()], runs },
    reasonIndexes,
  };
}

export function encodePlanDigest(digest: PlanDigest): string {
  return JSON.stringify({
    planId: digest.planId,
    reclaimableBytes: digest.reclaimableBytes.toString(),
    reasons: digest.reasons,
    runs: digest.runs.map((run) => [
      run.repository,
      run.groups.map((g): EncodedGroup => [g.action, g.reasonCode, g.rows, g.tags, g.sizeBytes.toString()]),
    ]),
  } satisfies EncodedDigest);
}

export function decodePlanDigest(body: string): PlanDigest | null {
  try {
    const encoded = JSON.parse(body) as EncodedDigest;
    if (typeof encoded.planId !== "string" || !Array.isArray(encoded.reasons) || !Array.isArray(encoded.runs))
      return null;
    let start = 0;
    const runs = encoded.runs.map(([repository, groups]): PlanRun => {
      const run: PlanRun = { repository, start, rows: 0, groups: [] };
      for (const [action, reasonCode, rows, tags, sizeBytes] of groups) {
        run.groups.push({ action, reasonCode, rows, tags, sizeBytes: BigInt(sizeBytes) });
        run.rows += rows;
      }
      start += run.rows;
      return run;
    });
    if (runs.some((run) => typeof run.repository !== "string" || !Number.isInteger(run.rows))) return null;
    return {
      planId: encoded.planId,
      reclaimableBytes: BigInt(encoded.reclaimableBytes),
      reasons: encoded.reasons,
      runs,
    };
  } catch {
    return null;
  }
}

/** The digest's rows in all. */
export const digestRows = (digest: PlanDigest) => digest.runs.reduce((n, run) => n + run.rows, 0);

/**
 * One registry's cleanup plan as kept in registry_derived: compact JSON (a repository's name once
 * for all its items, each distinct reason text once, an item as an array, bytes as decimal strings,
 * times as epoch milliseconds), so a large registry's hundreds of thousands of items read back in
 * one parse, their reason texts shared rather than copied. Items keep their order. A body in
 * another shape (an older format, a hand-edited row) decodes to null: recompute it.
 */
import type { PlanAction, PlanItem } from "./decide";
import type { ReasonCode } from "./reasons";

/** Bump when the shape changes: the version is part of every stored plan's key. */
export const PLAN_CODEC_VERSION = 2;

type EncodedItem = [
  digest: string,
  tags: string[],
  action: PlanAction,
  reasonCode: ReasonCode,
  /** Index into the plan's reasons. */
  reason: number,
  lastUpdatedMs: number | null,
  sizeBytes: string,
];
type EncodedPlan = {
  reclaimableBytes: string;
  /** Reason texts, each once. */
  reasons: string[];
  repositories: [repository: string, items: EncodedItem[]][];
};

export type RegistryPlanBody = { items: PlanItem[]; reclaimableBytes: bigint };

export function encodeRegistryPlan(plan: RegistryPlanBody): string {
  const repositories: EncodedPlan["repositories"] = [];
  const reasons = new Map<string, number>();
  const reasonIndex = (text: string) => {
    const known = reasons.get(text);
    if (known !== undefined) return known;
    reasons.set(text, reasons.size);
    return reasons.size - 1;
  };
  for (const item of plan.items) {
    const last = repositories.at(-1);
    const encoded: EncodedItem = [
      item.digest,
      item.tags,
      item.action,
      item.reasonCode,
      reasonIndex(item.reason),
      item.lastUpdatedAt?.getTime() ?? null,
      item.sizeBytes.toString(),
    ];
    if (last?.[0] === item.repository) last[1].push(encoded);
    else repositories.push([item.repository, [encoded]]);
  }
  return JSON.stringify({
    reclaimableBytes: plan.reclaimableBytes.toString(),
    reasons: [...reasons.keys()],
    repositories,
  } satisfies EncodedPlan);
}

export function decodeRegistryPlan(registry: string, body: string): RegistryPlanBody | null {
  try {
    const plan = JSON.parse(body) as EncodedPlan;
    const items: PlanItem[] = [];
    for (const [repository, encoded] of plan.repositories) {
      for (const [digest, tags, action, reasonCode, reasonAt, lastUpdatedMs, sizeBytes] of encoded) {
        const reason = plan.reasons[reasonAt];
        if (typeof reason !== "string") return null;
        items.push({
          registry,
          repository,
          digest,
          tags,
          action,
          reason,
          reasonCode,
          lastUpdatedAt: lastUpdatedMs === null ? null : new Date(lastUpdatedMs),
          sizeBytes: BigInt(sizeBytes),
        });
      }
    }
    return { items, reclaimableBytes: BigInt(plan.reclaimableBytes) };
  } catch {
    return null;
  }
}

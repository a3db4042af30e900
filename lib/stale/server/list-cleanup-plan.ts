/**
 * The cleanup plan of the whole estate, one registry at a time: a registry's inventory is loaded,
 * planned and dropped before the next is read, so an estate of 1,000,000 manifests never sits in
 * memory at once. Registries in name order, repositories in name order, then planRepository's order.
 * No "server-only" guard: the sync computes each registry's plan after writing it (derived-cleanup-plan.ts).
 */
import { isOlderThan, keepPatternMatcher } from "@/lib/stale/candidates";
import { planRepository, type PlanItem, type StaleTag } from "@/lib/stale/decide";
import { policyResolver, type Policy, type PolicyRules } from "@/lib/stale/policy";
import { reclaimableBytes } from "@/lib/stale/reclaimable";
import { getEnv } from "@/lib/env";
import { listReclaimableBlobs } from "./list-reclaimable-blobs";
import { listPlanRegistries, openRegistryPlanInputs, type PlanRegistry } from "./load-registry-plan-inputs";
import { planBudget, type PlanBudget } from "../plan-budget";

export type RegistryCleanupPlan = {
  registry: string;
  items: PlanItem[];
  /** Exact bytes the registry's deletes free: blobs of deleted manifests no kept manifest of the registry references. */
  reclaimableBytes: bigint;
};

export type CleanupPlanInput = { policy: Policy; asOf: Date };

/** Runs within PLAN_TIMEOUT_SECONDS (or the budget given), letting other requests in between repositories and between tags matched. */
export async function* listCleanupPlan(
  input: CleanupPlanInput,
  budget: PlanBudget = planBudget(getEnv().planTimeoutSeconds * 1_000),
): AsyncGenerator<RegistryCleanupPlan> {
  for (const registry of await listPlanRegistries()) yield (await planRegistry(registry, input, budget)).plan;
}

/**
 * One registry's plan, computed from its inventory, with the fingerprint of the in-use images it read.
 * Digests shared across repositories are decided once all of them are planned (reclaimableBytes), so
 * the plan does not depend on how many repositories each read takes.
 */
export async function planRegistry(
  registry: PlanRegistry,
  { policy, asOf }: CleanupPlanInput,
  budget: PlanBudget,
  repositoriesPerRead?: number,
): Promise<{ plan: RegistryCleanupPlan; inUseFingerprint: string }> {
  const rulesFor = policyResolver(policy);
  await budget.checkpoint();
  const { repositories, inUseFingerprint } = await openRegistryPlanInputs(registry, repositoriesPerRead);
  const items: PlanItem[] = [];
  const deletedDigests: string[] = [];
  const keptDigests: string[] = [];
  for await (const round of repositories())
    for (const input of round) {
      await budget.checkpoint();
      const rules = rulesFor(registry.name, input.repository);
      const keptByPattern = await matchKeepPatterns(input.tags, rules, asOf, budget);
      const planned = planRepository({ ...input, registry: registry.name, policy: rules, asOf, keptByPattern });
      const deleted = new Set(planned.filter((i) => i.action === "delete").map((i) => i.digest));
      for (const m of input.manifests) (deleted.has(m.digest) ? deletedDigests : keptDigests).push(m.digest);
      for (const item of planned) items.push(item);
    }
  const manifestBlobs = await listReclaimableBlobs(registry.id, deletedDigests);
  return {
    plan: {
      registry: registry.name,
      items,
      reclaimableBytes: reclaimableBytes({ deletedDigests, keptDigests, manifestBlobs }),
    },
    inUseFingerprint,
  };
}

/** Tags matched between checkpoints: a repository's tags against many patterns is the plan's one long synchronous stretch. */
const TAGS_PER_CHECKPOINT = 16;

/** The keep patterns' verdicts on the tags old enough to be candidates (no other tag is ever asked about). */
async function matchKeepPatterns(
  tags: readonly StaleTag[],
  rules: PolicyRules,
  asOf: Date,
  budget: PlanBudget,
): Promise<(tagName: string) => boolean> {
  if (rules.keepPatterns.length === 0) return () => false;
  const matches = keepPatternMatcher(rules.keepPatterns);
  const kept = new Set<string>();
  let matched = 0;
  for (const tag of tags) {
    if (!isOlderThan(tag.lastUpdatedAt, rules.olderThanDays, asOf)) continue;
    if (++matched % TAGS_PER_CHECKPOINT === 0) await budget.checkpoint();
    if (matches(tag.name)) kept.add(tag.name);
  }
  return (tagName) => kept.has(tagName);
}

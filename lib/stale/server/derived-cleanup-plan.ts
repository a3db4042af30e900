/**
 * The cleanup plan kept per registry (registry_derived, lib/database/registry-derived.ts), so the
 * first view after a sync reads it instead of computing it. The sync keeps each registry's plan
 * for what the pages show by default (the stored policy, as of the end of today) right after
 * writing the registry; a sync that changed nothing carries the plan over (same fingerprint). A
 * read uses a registry's row only when it was computed from the registry's current inventory with
 * the same policy, as-of instant and in-use images of the registry; any other registry is computed
 * here, and kept when it is the default view. So the plan read is always the plan computed: only
 * its speed varies.
 * No "server-only" guard: the sync keeps plans from its CLI and workers too.
 */
import { currentUtcDay } from "@/lib/calendar";
import { getEnv } from "@/lib/env";
import { carryDerivedOver, listFreshDerived, readInventoryState, storeDerived } from "@/lib/database/registry-derived";
import { serializePolicy } from "@/lib/stale/policy";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { planBudget, type PlanBudget } from "../plan-budget";
import { decodeRegistryPlan, encodeRegistryPlan, PLAN_CODEC_VERSION } from "../plan-codec";
import { planRegistry, type CleanupPlanInput, type RegistryCleanupPlan } from "./list-cleanup-plan";
import { getInUseFingerprint, listPlanRegistries } from "./load-registry-plan-inputs";
import { resolvePolicy } from "./resolve-policy";

/** A registry's plan key: everything the plan reads besides its inventory (whose token the row holds). */
function planKey(input: CleanupPlanInput, inUseFingerprint: string): string {
  return JSON.stringify({
    format: PLAN_CODEC_VERSION,
    policy: serializePolicy(input.policy),
    asOf: input.asOf.toISOString(),
    inUse: inUseFingerprint,
  });
}

/** What the pages show by default: the stored policy, as of the end of today (UTC). */
async function isDefaultView(input: CleanupPlanInput): Promise<boolean> {
  if (input.asOf.getTime() !== planAsOf(currentUtcDay()).getTime()) return false;
  try {
    return serializePolicy(input.policy) === serializePolicy(await resolvePolicy(undefined));
  } catch {
    return false; // a stored policy that no longer validates is not the default of anything
  }
}

/** The estate's plan in listCleanupPlan's order: kept registries read, the others computed (and kept for the default view). */
export async function listDerivedCleanupPlan(
  input: CleanupPlanInput,
  budget: PlanBudget = planBudget(getEnv().planTimeoutSeconds * 1_000),
): Promise<RegistryCleanupPlan[]> {
  const registries = await listPlanRegistries();
  const fingerprints = await Promise.all(registries.map(getInUseFingerprint));
  const fresh = await listFreshDerived(
    "cleanup-plan",
    new Map(registries.map((r, i) => [r.id, planKey(input, fingerprints[i])])),
  );
  const keep = fresh.size < registries.length && (await isDefaultView(input));
  const plans: RegistryCleanupPlan[] = [];
  for (const registry of registries) {
    const body = fresh.get(registry.id);
    const kept = body === undefined ? null : decodeRegistryPlan(registry.name, body);
    if (kept) {
      plans.push({ registry: registry.name, ...kept });
      continue;
    }
    // Read before the inputs: the row is kept only if no write committed while they were read.
    const state = keep ? await readInventoryState(registry.id) : null;
    const { plan, inUseFingerprint } = await planRegistry(registry, input, budget);
    if (state) await storeDerived("cleanup-plan", state, planKey(input, inUseFingerprint), encodeRegistryPlan(plan));
    plans.push(plan);
  }
  return plans;
}

export type KeptOutcome = "current" | "carried-over" | "computed" | "skipped";

/**
 * After a registry's write committed, or the apps' in-use images were replaced: its plan for the
 * default view, read as current, carried over (its inventory rows unchanged) or computed.
 */
export async function keepRegistryCleanupPlan(registryId: number): Promise<KeptOutcome> {
  const [registries, policy] = await Promise.all([listPlanRegistries(), resolvePolicy(undefined)]);
  const registry = registries.find((r) => r.id === registryId);
  if (!registry) return "skipped";
  const input = { policy, asOf: planAsOf(currentUtcDay()) };
  const key = planKey(input, await getInUseFingerprint(registry));
  if ((await listFreshDerived("cleanup-plan", new Map([[registryId, key]]))).size > 0) return "current";
  const state = await readInventoryState(registryId);
  if (!state) return "skipped";
  if (await carryDerivedOver("cleanup-plan", state, key)) return "carried-over";
  const { plan, inUseFingerprint } = await planRegistry(
    registry,
    input,
    planBudget(getEnv().planTimeoutSeconds * 1_000),
  );
  const stored = await storeDerived("cleanup-plan", state, planKey(input, inUseFingerprint), encodeRegistryPlan(plan));
  return stored ? "computed" : "skipped";
}

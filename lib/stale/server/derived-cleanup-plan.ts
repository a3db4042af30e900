/**
 * The cleanup plan kept per registry (registry_derived and cleanup_plan_items, kept-plan-items.ts),
 * so the first view after a sync reads it instead of computing it. The sync keeps each registry's
 * plan for what the pages show by default (the stored policy, as of the end of today) right after
 * writing the registry; a sync that changed nothing carries the plan over (same fingerprint). A
 * read uses a registry's kept plan only when it was computed from the registry's current inventory
 * with the same policy, as-of instant and in-use images of the registry; any other registry is
 * computed here (held in a small cache by inventory token and key, since other days and policies
 * are never kept), and kept when it is the default view. So the plan read is always the plan
 * computed: only its speed varies.
 * No "server-only" guard: the sync keeps plans from its CLI and workers too.
 */
import { LRUCache } from "lru-cache";
import { currentUtcDay } from "@/lib/calendar";
import { getEnv } from "@/lib/env";
import {
  carryDerivedOver,
  listFreshDerived,
  listFreshDerivedVersions,
  readInventoryState,
} from "@/lib/database/registry-derived";
import { serializePolicy } from "@/lib/stale/policy";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { planBudget, type PlanBudget } from "../plan-budget";
import { decodePlanDigest, digestRegistryPlan, PLAN_CODEC_VERSION, type PlanDigest } from "../plan-codec";
import { KeptPlanChanged, readKeptPlan, storeKeptPlan, type KeptRegistry } from "./kept-plan-items";
import { planRegistry, type CleanupPlanInput, type RegistryCleanupPlan } from "./list-cleanup-plan";
import {
  getInUseFingerprint,
  inUseFingerprintReader,
  listPlanRegistries,
  type PlanRegistry,
} from "./load-registry-plan-inputs";
import { resolvePolicy } from "./resolve-policy";

/** A registry's plan as a read finds it: kept (items in the database) or computed (items in memory). */
export type RegistryPlanSource =
  { kind: "kept"; registry: KeptRegistry } | { kind: "computed"; registry: KeptRegistry; plan: RegistryCleanupPlan };

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

/** The plan id of a digest whose items are in memory only. */
const COMPUTED = "computed";

type Computed = { plan: RegistryCleanupPlan; digest: PlanDigest };
type ComputeContext = { registry: PlanRegistry; input: CleanupPlanInput; budget: PlanBudget; keep: boolean };

/** Computed plans' items held at once (~2 plans of the large estate's ~650,000 items). */
const MAX_COMPUTED_ITEMS = 1_500_000;
// On globalThis like the database client: Next may load this module once per route bundle.
const holder = globalThis as typeof globalThis & {
  __registryLedgerComputedPlans?: LRUCache<string, Computed, ComputeContext>;
  __registryLedgerKeptDigests?: LRUCache<number, KeptDigest>;
};
const computed = (holder.__registryLedgerComputedPlans ??= new LRUCache<string, Computed, ComputeContext>({
  max: 256,
  maxSize: MAX_COMPUTED_ITEMS,
  sizeCalculation: (entry) => 1 + entry.plan.items.length,
  fetchMethod: async (_key, _stale, { context }) => computeRegistry(context),
}));

/** A kept row's digest as decoded, with the row's version: each version is read and parsed once. */
type KeptDigest = { version: string; digest: PlanDigest };
/** By registry id. Decoded digests are shared by every read: never changed once decoded. */
const keptDigests = (holder.__registryLedgerKeptDigests ??= new LRUCache<number, KeptDigest>({ max: 1_000 }));

/** Concurrent first reads of one registry's plan share one computation. */
async function computeRegistry({ registry, input, budget, keep }: ComputeContext): Promise<Computed> {
  // Read before the inputs: the plan is kept only if no write committed while they were read.
  const state = keep ? await readInventoryState(registry.id) : null;
  const { plan, inUseFingerprint } = await planRegistry(registry, input, budget);
  if (state) {
    const kept = await storeKeptPlan(state, planKey(input, inUseFingerprint), plan);
    return { plan, digest: kept.digest };
  }
  return { plan, digest: digestRegistryPlan(plan, COMPUTED).digest };
}

/** A registry's plan before anything is computed: kept, or stale (computed by computePlanEntry). */
export type PlanEntry =
  | { kind: "kept"; registry: KeptRegistry }
  | { kind: "stale"; registry: PlanRegistry; input: CleanupPlanInput; key: string; keep: boolean };

/** Every current registry's plan in listCleanupPlan's order, as kept or stale: digests read, nothing computed. */
export async function listPlanEntries(input: CleanupPlanInput): Promise<PlanEntry[]> {
  const [registries, fingerprintOf] = await Promise.all([listPlanRegistries(), inUseFingerprintReader()]);
  const fingerprints = await Promise.all(registries.map(fingerprintOf));
  const keys = registries.map((r, i) => planKey(input, fingerprints[i]));
  // Taken before the read: a body left out is of the version held here, whatever replaces it meanwhile.
  const held = new Map(registries.flatMap((r) => (keptDigests.has(r.id) ? [[r.id, keptDigests.get(r.id)!]] : [])));
  const fresh = await listFreshDerivedVersions(
    "cleanup-plan",
    new Map(registries.map((r, i) => [r.id, keys[i]])),
    new Map([...held].map(([id, kept]) => [id, kept.version])),
  );
  const keep = fresh.size < registries.length && (await isDefaultView(input));
  return registries.map((registry, i): PlanEntry => {
    const row = fresh.get(registry.id);
    const digest =
      row === undefined
        ? null
        : row.body === null
          ? held.get(registry.id)!.digest
          : decodeKept(registry.id, row.version, row.body);
    if (digest) return { kind: "kept", registry: { id: registry.id, name: registry.name, digest } };
    return { kind: "stale", registry, input, key: keys[i], keep };
  });
}

function decodeKept(registryId: number, version: string, body: string): PlanDigest | null {
  const digest = decodePlanDigest(body);
  if (digest) keptDigests.set(registryId, { version, digest });
  return digest;
}

/** A stale registry's plan, computed (and kept when it is the default view). */
export async function computePlanEntry(
  entry: Extract<PlanEntry, { kind: "stale" }>,
  budget: PlanBudget,
): Promise<Extract<RegistryPlanSource, { kind: "computed" }>> {
  const { registry, input, key, keep } = entry;
  const context = { registry, input, budget, keep };
  // No token, no version of the inventory to hold a plan under (rows written outside a sync).
  if (registry.inventoryToken === null) return computedSource(registry, await computeRegistry(context));
  const cacheKey = JSON.stringify([registry.id, registry.inventoryToken, key]);
  const found = await computed.fetch(cacheKey, { context });
  if (!found) throw new Error("computed plan cache returned nothing"); // fetchMethod always returns one
  if (found.digest.planId !== COMPUTED) computed.delete(cacheKey); // kept: the next read finds it there
  return computedSource(registry, found);
}

function computedSource(registry: PlanRegistry, found: Computed): Extract<RegistryPlanSource, { kind: "computed" }> {
  return {
    kind: "computed",
    registry: { id: registry.id, name: registry.name, digest: found.digest },
    plan: found.plan,
  };
}

/** Every current registry's plan in listCleanupPlan's order: kept ones as their digests, the others computed. */
export async function listPlanSources(
  input: CleanupPlanInput,
  budget: PlanBudget = planBudget(getEnv().planTimeoutSeconds * 1_000),
): Promise<RegistryPlanSource[]> {
  const sources: RegistryPlanSource[] = [];
  for (const entry of await listPlanEntries(input))
    sources.push(entry.kind === "kept" ? entry : await computePlanEntry(entry, budget));
  return sources;
}

/** Reads `read` over the plan's sources, once more when a kept plan was replaced while it was read. */
export async function withPlanSources<T>(
  input: CleanupPlanInput,
  read: (sources: RegistryPlanSource[]) => Promise<T>,
  budget?: PlanBudget,
): Promise<T> {
  try {
    return await read(await listPlanSources(input, budget));
  } catch (error) {
    if (!(error instanceof KeptPlanChanged)) throw error;
    return read(await listPlanSources(input, budget));
  }
}

/** The estate's plan with every item, in listCleanupPlan's order (the script and a team's detail hold it whole). */
export async function listDerivedCleanupPlan(
  input: CleanupPlanInput,
  budget?: PlanBudget,
): Promise<RegistryCleanupPlan[]> {
  return withPlanSources(
    input,
    (sources) =>
      Promise.all(
        sources.map(async (source) =>
          source.kind === "computed"
            ? source.plan
            : { registry: source.registry.name, ...(await readKeptPlan(source.registry)) },
        ),
      ),
    budget,
  );
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
  const { stored } = await storeKeptPlan(state, planKey(input, inUseFingerprint), plan);
  return stored ? "computed" : "skipped";
}

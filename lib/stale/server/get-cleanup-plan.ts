/**
 * The whole cleanup plan, every item in memory, computed once per set of inputs and shared by the
 * readers that need every item at once: the cleanup script and a team's detail. (The /stale page
 * tallies each registry's digest and reads one page of items; the CSV streams registry by
 * registry: derived-cleanup-plan.ts.) A plan depends on
 * - the as-of instant and the policy (its canonical JSON, so equal policies share a plan);
 * - the inventory, which only a sync writes: the newest finished sync run and the per-registry
 *   results (written as each registry's transaction commits, so a running sync moves the key too);
 * - the in-use images: the imports' count, newest id and time, and reference total (a cluster's
 *   re-import deletes its old row and writes a new one, so the newest id moves).
 * The key holds all four, so a new sync, a saved policy or an in-use import is a new key and the
 * next read computes afresh; old keys age out of the LRU. Concurrent first reads of one key share
 * one computation (lru-cache's fetch keeps it in flight); a failed computation is not kept.
 * Cached plans are shared: callers must not mutate them. Below the cache, each registry's plan is
 * read from what the sync kept of it when that is current (derived-cleanup-plan.ts), else computed.
 */
import "server-only";
import { LRUCache } from "lru-cache";
import { getDb } from "@/lib/db";
import { serializePolicy } from "@/lib/stale/policy";
import { listDerivedCleanupPlan } from "./derived-cleanup-plan";
import type { CleanupPlanInput, RegistryCleanupPlan } from "./list-cleanup-plan";

export type CleanupPlan = {
  /** Registries in listCleanupPlan's order. */
  registries: readonly RegistryCleanupPlan[];
  /** Identifies the inputs the plan was computed from (as-of, policy, inventory, in-use). */
  key: string;
};

/** A handful of as-of days and policies per inventory; older inventories are never asked again. */
const MAX_PLANS = 8;
/** Plan items held across all cached plans (~1.5 plans of the large estate's 1,000,000 manifests). */
const MAX_ITEMS = 2_000_000;

type PlanCache = LRUCache<string, CleanupPlan, CleanupPlanInput>;

// On globalThis like the database client: Next may load this module once per route bundle.
const holder = globalThis as typeof globalThis & { __registryLedgerPlanCache?: PlanCache };
const cache: PlanCache = (holder.__registryLedgerPlanCache ??= new LRUCache<string, CleanupPlan, CleanupPlanInput>({
  max: MAX_PLANS,
  maxSize: MAX_ITEMS,
  sizeCalculation: (plan) => 1 + plan.registries.reduce((n, r) => n + r.items.length, 0),
  fetchMethod: async (key, _stale, { context }) => ({ registries: await listDerivedCleanupPlan(context), key }),
}));

export async function getCleanupPlan(input: CleanupPlanInput): Promise<CleanupPlan> {
  const key = JSON.stringify([input.asOf.toISOString(), serializePolicy(input.policy), await getPlanDataVersion()]);
  const plan = await cache.fetch(key, { context: input });
  if (plan === undefined) throw new Error("cleanup plan cache returned nothing"); // fetchMethod always returns a plan
  return plan;
}

/** The versions of the inventory and of the in-use images, in one round trip (index-backed maxima and small tables). */
async function getPlanDataVersion(): Promise<string> {
  const db = await getDb();
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT current_database() AS database,
           (SELECT max(id) FROM sync_runs WHERE finished_at IS NOT NULL) AS "runId",
           (SELECT max(finished_at) FROM sync_runs) AS "runFinishedAt",
           (SELECT count(*) FROM sync_registry_results) AS "registryResults",
           (SELECT max(finished_at) FROM sync_registry_results) AS "registryFinishedAt",
           -- Every registry write stores a fresh token in its own transaction: the inventory's
           -- version even when the sync that wrote it died before recording anything else.
           (SELECT md5(string_agg(id || ':' || coalesce(inventory_token::text, ''), ',' ORDER BY id)) FROM registries) AS "inventory",
           (SELECT count(*) FROM in_use_imports) AS "inUseImports",
           (SELECT max(id) FROM in_use_imports) AS "inUseImportId",
           (SELECT max(imported_at) FROM in_use_imports) AS "inUseImportedAt",
           (SELECT sum(reference_count) FROM in_use_imports) AS "inUseReferences"`;
  return JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

/**
 * The cleanup plan cold and warm over the synced estate: a cold read computes the whole plan (one
 * per as-of day, so each is a new cache key), a warm read finds it in getCleanupPlan's cache (its
 * cost is the data-version round trip); the stale page's summary (totals, tables, one page of
 * items) is timed warm too. Medians, against a SELECT 1 round trip measured in the same process.
 */
import type { Pool } from "pg";
import { addDays } from "../../lib/calendar";
import { getCleanupPlan } from "../../lib/stale/server/get-cleanup-plan";
import { summarizeCleanupPlan } from "../../lib/stale/server/summarize-cleanup-plan";
import { parsePolicyText } from "../../lib/stale/parse-policy-text";
import { planAsOf } from "../../lib/stale/plan-as-of";

const COLD_RUNS = 3;
const WARM_RUNS = 25;

const medianOf = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function median(runs: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(run));
  return medianOf(times);
}

export async function measureCleanupPlan(pool: Pool, day: string) {
  const policy = parsePolicyText("{}");
  const baselineMs = await median(WARM_RUNS, () => pool.query("SELECT 1"));
  const cold: number[] = [];
  for (let back = 0; back < COLD_RUNS; back++) {
    const asOf = planAsOf(addDays(day, -back));
    cold.push(await timed(() => getCleanupPlan({ policy, asOf })));
  }
  const asOf = planAsOf(day);
  const plan = await getCleanupPlan({ policy, asOf });
  const warmMs = await median(WARM_RUNS, () => getCleanupPlan({ policy, asOf }));
  const pageWarmMs = await median(WARM_RUNS, () =>
    summarizeCleanupPlan({ access: { kind: "all" }, policy, asOf, filter: { action: "delete", page: "2" } }),
  );
  const coldMs = medianOf(cold);
  const round = (ms: number, digits = 1) => Number(ms.toFixed(digits));
  return {
    items: plan.registries.reduce((n, r) => n + r.items.length, 0),
    baselineMs: round(baselineMs, 2),
    coldMs: round(coldMs),
    warmMs: round(warmMs, 2),
    pageWarmMs: round(pageWarmMs),
    coldOverWarm: round(coldMs / warmMs),
    coldOverBaseline: round(coldMs / baselineMs),
    warmOverBaseline: round(warmMs / baselineMs),
    pageWarmOverBaseline: round(pageWarmMs / baselineMs),
  };
}

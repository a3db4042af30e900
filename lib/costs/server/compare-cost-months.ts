import "server-only";
import { z } from "zod";
import { COST_KINDS, type CostKind, type Micros } from "@/lib/costs/types";
import { parseInput } from "../../validation";
import { shiftMonth } from "@/lib/calendar";
import { costMonthFields, resolveMonth } from "../cost-params";
import { sumMicros, zeroByKind } from "../cost-views";
import { monthDelta as delta, rankMovers, type MonthDelta } from "../month-delta";
import { loadRegistryMonthCosts, type RegistryMonthCostRecord } from "./load-registry-month-costs";

const paramsSchema = z
  .object({ ...costMonthFields, movers: z.number().int().min(1).max(100).default(5) })
  .transform(resolveMonth);

export type CostDelta = MonthDelta;
export type CostMover = CostDelta & { name: string; subscriptionId: string };

export type CostComparison = CostDelta & {
  month: string;
  previousMonth: string;
  currency: string;
  byKind: (CostDelta & { kind: CostKind })[];
  /** Registries whose month cost moved most (either way), largest first. */
  movers: CostMover[];
};

function kindTotals(registries: readonly RegistryMonthCostRecord[]): Record<CostKind, Micros> {
  const totals = zeroByKind();
  for (const registry of registries) for (const line of registry.cost.lines) totals[line.kind] += line.cost;
  return totals;
}

/**
 * This month (to date) against the whole previous month. A month that is still running is
 * compared with a complete one, so the page says how many days each covers.
 */
export async function compareCostMonths(input: z.input<typeof paramsSchema> = {}): Promise<CostComparison> {
  const params = parseInput(paramsSchema, input);
  const previousMonth = shiftMonth(params.month, -1);
  const [current, previous] = await Promise.all([
    loadRegistryMonthCosts({ month: params.month, today: params.today }),
    loadRegistryMonthCosts({ month: previousMonth, today: params.today }),
  ]);
  const byId = new Map<number, { name: string; subscriptionId: string; current: Micros; previous: Micros }>();
  for (const r of previous.registries)
    byId.set(r.registryId, { name: r.name, subscriptionId: r.subscriptionId, current: 0n, previous: r.cost.total });
  for (const r of current.registries) {
    const entry = byId.get(r.registryId);
    if (entry) entry.current = r.cost.total;
    else
      byId.set(r.registryId, { name: r.name, subscriptionId: r.subscriptionId, current: r.cost.total, previous: 0n });
  }
  const movers = rankMovers(
    [...byId.values()],
    params.movers,
    (e) => e.current - e.previous,
    (e) => e.name,
  ).map((e) => ({ name: e.name, subscriptionId: e.subscriptionId, ...delta(e.current, e.previous) }));
  const currentKinds = kindTotals(current.registries);
  const previousKinds = kindTotals(previous.registries);
  return {
    month: params.month,
    previousMonth,
    currency: current.pricing.currency,
    ...delta(
      sumMicros(current.registries.map((r) => r.cost.total)),
      sumMicros(previous.registries.map((r) => r.cost.total)),
    ),
    byKind: COST_KINDS.map((kind) => ({ kind, ...delta(currentKinds[kind], previousKinds[kind]) })),
    movers,
  };
}

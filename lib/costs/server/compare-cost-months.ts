import "server-only";
import { z } from "zod";
import { COST_KINDS, type CostKind, type Micros } from "@/lib/costs/types";
import { parseInput } from "../../validation";
import { comparedDays, kindsUntil, type ComparedDays } from "../compared-days";
import { costMonthFields, resolveReviewMonth } from "../cost-params";
import { sumMicros, zeroByKind } from "../cost-views";
import { monthDelta as delta, rankMovers, type MonthDelta } from "../month-delta";
import { loadRegistryMonthCosts, type RegistryMonthCostRecord } from "./load-registry-month-costs";

const paramsSchema = z
  .object({ ...costMonthFields, movers: z.number().int().min(1).max(100).default(5) })
  .transform(resolveReviewMonth);

export type CostDelta = MonthDelta;
export type CostMover = CostDelta & { name: string; subscriptionId: string };

export type CostComparison = CostDelta & {
  month: string;
  previousMonth: string;
  /** The days each side counts: a running month's days to today against the same days before. */
  compared: ComparedDays;
  currency: string;
  byKind: (CostDelta & { kind: CostKind })[];
  /** Registries whose month cost moved most (either way), largest first. */
  movers: CostMover[];
};

function kindsOf(registry: RegistryMonthCostRecord): Record<CostKind, Micros> {
  const totals = zeroByKind();
  for (const line of registry.cost.lines) totals[line.kind] += line.cost;
  return totals;
}

const sumKinds = (kinds: Record<CostKind, Micros>) => sumMicros(COST_KINDS.map((kind) => kinds[kind]));

/**
 * A month against the previous one, on the days comparedDays names: a complete month whole against
 * the whole previous month, a running month's days to today against the same days of the previous
 * month. The cost model's daily figures are its exact running total rounded day by day, so the
 * previous month's days to a day sum to that running total, and to its last day to its lines.
 */
export async function compareCostMonths(input: z.input<typeof paramsSchema> = {}): Promise<CostComparison> {
  const params = parseInput(paramsSchema, input);
  const compared = comparedDays(params.month, params.today);
  const [current, previous] = await Promise.all([
    loadRegistryMonthCosts({ month: params.month, today: params.today }),
    loadRegistryMonthCosts({ month: compared.previous.month, today: params.today }),
  ]);
  const byId = new Map<
    number,
    { name: string; subscriptionId: string; current: Record<CostKind, Micros>; previous: Record<CostKind, Micros> }
  >();
  for (const r of previous.registries)
    byId.set(r.registryId, {
      name: r.name,
      subscriptionId: r.subscriptionId,
      current: zeroByKind(),
      previous: kindsUntil(r.cost.daily, compared.previous.until),
    });
  for (const r of current.registries) {
    const now = kindsOf(r);
    const entry = byId.get(r.registryId);
    if (entry) entry.current = now;
    else
      byId.set(r.registryId, { name: r.name, subscriptionId: r.subscriptionId, current: now, previous: zeroByKind() });
  }
  const entries = [...byId.values()].map((e) => ({ ...e, now: sumKinds(e.current), before: sumKinds(e.previous) }));
  const movers = rankMovers(
    entries,
    params.movers,
    (e) => e.now - e.before,
    (e) => e.name,
  ).map((e) => ({ name: e.name, subscriptionId: e.subscriptionId, ...delta(e.now, e.before) }));
  const kindTotal = (side: "current" | "previous", kind: CostKind) => sumMicros(entries.map((e) => e[side][kind]));
  return {
    month: params.month,
    previousMonth: compared.previous.month,
    compared,
    currency: current.pricing.currency,
    ...delta(sumMicros(entries.map((e) => e.now)), sumMicros(entries.map((e) => e.before))),
    byKind: COST_KINDS.map((kind) => ({ kind, ...delta(kindTotal("current", kind), kindTotal("previous", kind)) })),
    movers,
  };
}

import "server-only";
import { z } from "zod";
import { COST_KINDS, type CostKind } from "@/lib/costs/types";
import { bytesToNumber } from "../../views";
import { parseInput } from "../../validation";
import { costMonthFields, resolveMonth } from "../cost-params";
import { toLineView, toPricingView, type CostLineView, type MicrosString, type PricingView } from "../cost-views";
import { loadRegistryMonthCosts } from "./load-registry-month-costs";

const paramsSchema = z.object({ ...costMonthFields, name: z.string().trim().min(1).max(100) }).transform(resolveMonth);

export type RegistryCostDay = {
  day: string;
  /** No snapshot that day: the previous one is carried forward. */
  carriedForward: boolean;
  storedBytes: number;
  costs: Record<CostKind, MicrosString>;
  totalMicros: MicrosString;
};

export type RegistryDailyCosts = {
  name: string;
  subscriptionId: string;
  sku: string;
  location: string;
  month: string;
  days: number;
  pricing: PricingView;
  totalMicros: MicrosString;
  lines: CostLineView[];
  daily: RegistryCostDay[];
};

/** One registry's month, day by day and by kind; null when the registry has no snapshot by then. */
export async function getRegistryDailyCosts(input: z.input<typeof paramsSchema>): Promise<RegistryDailyCosts | null> {
  const params = parseInput(paramsSchema, input);
  const { pricing, registries } = await loadRegistryMonthCosts(params, [params.name]);
  // Two registries may share a name across subscriptions; the current (newest) one is shown.
  const registry = registries.filter((r) => r.name === params.name).sort((a, b) => b.registryId - a.registryId)[0];
  if (!registry) return null;
  return {
    name: registry.name,
    subscriptionId: registry.subscriptionId,
    sku: registry.sku,
    location: registry.location,
    month: params.month,
    days: registry.cost.days,
    pricing: toPricingView(pricing),
    totalMicros: registry.cost.total.toString(),
    lines: registry.cost.lines.map(toLineView),
    daily: registry.cost.daily.map((d) => ({
      day: d.day,
      carriedForward: d.carriedForward,
      storedBytes: bytesToNumber(d.storedBytes),
      costs: Object.fromEntries(COST_KINDS.map((kind) => [kind, d.costs[kind].toString()])) as Record<
        CostKind,
        MicrosString
      >,
      totalMicros: COST_KINDS.reduce((sum, kind) => sum + d.costs[kind], 0n).toString(),
    })),
  };
}

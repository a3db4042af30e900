import "server-only";
import { COST_KINDS, COST_UNITS, type CostKind } from "@/lib/costs/types";
import { bytesToNumber, optionalBytesToNumber } from "../../views";
import { parseInput } from "../../validation";
import { coveredUntil } from "@/lib/calendar";
import { costMonthSchema, type CostMonthInput } from "../cost-params";
import {
  sumMicros,
  toLineView,
  toPricingView,
  zeroByKind,
  type CostLineView,
  type MicrosString,
  type PricingView,
} from "../cost-views";
import { loadRegistryMonthCosts } from "./load-registry-month-costs";

export type RegistryCostRow = {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  sku: string;
  location: string;
  days: number;
  totalMicros: MicrosString;
  /** All five kinds, in COST_KINDS order. */
  lines: CostLineView[];
  /** S: distinct blob bytes on the latest day covered, which the storage lines price. */
  storedBytes: number;
  /** Azure's "Size" usage that day, and how far it is from S (reported - S). */
  reportedUsageBytes: number | null;
  usageGapBytes: number | null;
};

export type CostKindTotal = { kind: CostKind; unit: (typeof COST_UNITS)[CostKind]; costMicros: MicrosString };

export type CostMonthSummary = {
  month: string;
  today: string;
  /** The last day the figures cover: the month's last day, or today while the month runs. */
  coveredUntil: string;
  pricing: PricingView;
  totalMicros: MicrosString;
  byKind: CostKindTotal[];
  /** By registry name (then id), the order the costs CSV prints. */
  registries: RegistryCostRow[];
};

/** A month's cost: total, by cost kind and by registry with its five lines. */
export async function getCostMonth(input: CostMonthInput = {}): Promise<CostMonthSummary> {
  const params = parseInput(costMonthSchema, input);
  const { pricing, registries } = await loadRegistryMonthCosts(params);
  const byKind = zeroByKind();
  for (const registry of registries) for (const line of registry.cost.lines) byKind[line.kind] += line.cost;
  return {
    month: params.month,
    today: params.today,
    coveredUntil: coveredUntil(params.month, params.today),
    pricing: toPricingView(pricing),
    totalMicros: sumMicros(registries.map((r) => r.cost.total)).toString(),
    byKind: COST_KINDS.map((kind) => ({ kind, unit: COST_UNITS[kind], costMicros: byKind[kind].toString() })),
    registries: registries.map((r) => ({
      name: r.name,
      subscriptionId: r.subscriptionId,
      resourceGroup: r.resourceGroup,
      sku: r.sku,
      location: r.location,
      days: r.cost.days,
      totalMicros: r.cost.total.toString(),
      lines: r.cost.lines.map(toLineView),
      storedBytes: bytesToNumber(r.storedBytes),
      reportedUsageBytes: optionalBytesToNumber(r.reportedUsageBytes),
      usageGapBytes: r.reportedUsageBytes === null ? null : bytesToNumber(r.reportedUsageBytes - r.storedBytes),
    })),
  };
}

/**
 * What crosses from the cost queries to pages and reports: money as a string of integer
 * micro-units (exact; lib/format.ts and formatMoney turn it into decimals at the edge), bytes as
 * numbers, never a bigint.
 */
import { COST_KINDS, type CostKind, type CostLine, type Micros, type Pricing } from "@/lib/costs/types";

/** Integer micro-units of the pricing currency, as a decimal string: "1234567" is 1.234567. */
export type MicrosString = string;

export type CostLineView = {
  kind: CostKind;
  unit: CostLine["unit"];
  quantity: string;
  unitPriceMicros: MicrosString;
  costMicros: MicrosString;
};

export type PricingView = {
  id: string;
  source: string;
  readOn: string;
  currency: string;
  discountPercent: number;
  replicaStorage: Pricing["replicaStorage"];
};

export function toPricingView(pricing: Pricing): PricingView {
  return {
    id: pricing.id,
    source: pricing.source,
    readOn: pricing.readOn,
    currency: pricing.currency,
    discountPercent: pricing.discountPercent,
    replicaStorage: pricing.replicaStorage,
  };
}

export function toLineView(line: CostLine): CostLineView {
  return {
    kind: line.kind,
    unit: line.unit,
    quantity: line.quantity,
    unitPriceMicros: line.unitPrice.toString(),
    costMicros: line.cost.toString(),
  };
}

export function zeroByKind(): Record<CostKind, Micros> {
  return Object.fromEntries(COST_KINDS.map((kind) => [kind, 0n])) as Record<CostKind, Micros>;
}

export function sumMicros(values: Iterable<Micros>): Micros {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

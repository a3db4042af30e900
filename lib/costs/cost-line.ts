/**
 * One cost line of a month from its exact per-day parts. Each day contributes a quantity
 * numerator (over one denominator fixed per kind: 1 for days, 2^30 × days-in-month for
 * GiB-months, 10^6 for vCPU-seconds) at that day's unit price. The line's cost is the exact
 * Σ quantity × price rounded to the micro ONCE. The daily figures are the same exact sum
 * rounded cumulatively (day k gets round(Σ_{≤k}) − round(Σ_{<k})), so they add up to the line
 * exactly and each day is within one micro of its exact share.
 */
import { formatRational, roundDiv } from "./money";
import { COST_UNITS, type CostKind, type CostLine, type Micros } from "./types";

export type DayPart = { day: string; quantity: bigint; unitPrice: Micros };

export function buildCostLine(
  kind: CostKind,
  denominator: bigint,
  parts: DayPart[],
  fallbackUnitPrice: Micros,
): { line: CostLine; daily: Map<string, Micros> } {
  let quantity = 0n;
  let exactCost = 0n; // micros × denominator
  let rounded = 0n;
  let unitPrice: Micros | undefined;
  let uniformPrice = true;
  const daily = new Map<string, Micros>();
  for (const part of parts) {
    quantity += part.quantity;
    exactCost += part.quantity * part.unitPrice;
    const roundedSoFar = roundDiv(exactCost, denominator);
    daily.set(part.day, (daily.get(part.day) ?? 0n) + roundedSoFar - rounded);
    rounded = roundedSoFar;
    if (part.quantity === 0n) continue;
    if (unitPrice !== undefined && unitPrice !== part.unitPrice) uniformPrice = false;
    unitPrice = part.unitPrice;
  }
  const price = unitPrice ?? fallbackUnitPrice;
  // When the price changed within the month (a SKU or region change), the line is stated at the
  // latest price and its quantity is the equivalent amount, so quantity × unit price = cost holds.
  const quantityText =
    uniformPrice || price === 0n
      ? formatRational(quantity, denominator)
      : formatRational(exactCost, denominator * price);
  return {
    line: {
      kind,
      unit: COST_UNITS[kind],
      quantity: quantityText,
      unitPrice: price,
      cost: roundDiv(exactCost, denominator),
    },
    daily,
  };
}

/**
 * URLs of the monthly review and its CSV; the month, the "scale to billed" choice and `rules=current`
 * (today's rules instead of those in force at the month's end) travel in the query string.
 */
import { z } from "zod";
import { resolveReviewMonth } from "@/lib/costs/cost-params";
import { monthSchema } from "@/lib/validation";

export type ChargebackUrlState = { month: string; scale: boolean; currentRules?: boolean };

/**
 * `?month=YYYY-MM` (default: the last complete month, UTC), `?scale=billed` (anything else: the estimate) and
 * `?rules=current` (anything else: the rules in force at the month's end).
 */
export const chargebackPageSchema = z
  .object({ month: monthSchema.optional(), scale: z.string().optional(), rules: z.string().optional() })
  .transform((v): ChargebackUrlState => ({
    month: resolveReviewMonth({ month: v.month }).month,
    scale: v.scale === "billed",
    ...(v.rules === "current" ? { currentRules: true } : {}),
  }));

function query(state: ChargebackUrlState): string {
  const params = new URLSearchParams({ month: state.month });
  if (state.scale) params.set("scale", "billed");
  if (state.currentRules) params.set("rules", "current");
  return params.toString();
}

export function chargebackHref(state: ChargebackUrlState): string {
  return `/chargeback?${query(state)}`;
}

export function chargebackCsvHref(state: ChargebackUrlState): string {
  return `/api/reports/chargeback.csv?${query(state)}`;
}

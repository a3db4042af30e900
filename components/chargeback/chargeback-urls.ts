/** URLs of the monthly review and its CSV; the month and the "scale to billed" choice travel in the query string. */
import { z } from "zod";
import { currentUtcDay, monthOfDay } from "@/lib/calendar";
import { monthSchema } from "@/lib/validation";

export type ChargebackUrlState = { month: string; scale: boolean };

/** `?month=YYYY-MM` (default: this month, UTC) and `?scale=billed` (anything else: the estimate). */
export const chargebackPageSchema = z
  .object({ month: monthSchema.optional(), scale: z.string().optional() })
  .transform((v): ChargebackUrlState => ({
    month: v.month ?? monthOfDay(currentUtcDay()),
    scale: v.scale === "billed",
  }));

function query(state: ChargebackUrlState): string {
  const params = new URLSearchParams({ month: state.month });
  if (state.scale) params.set("scale", "billed");
  return params.toString();
}

export function chargebackHref(state: ChargebackUrlState): string {
  return `/chargeback?${query(state)}`;
}

export function chargebackCsvHref(state: ChargebackUrlState): string {
  return `/api/reports/chargeback.csv?${query(state)}`;
}

export function billedImportUrl(month: string): string {
  return `/api/chargeback/billed?month=${encodeURIComponent(month)}`;
}

/**
 * The month and the "today" every cost view takes. Months are YYYY-MM, days YYYY-MM-DD, both UTC.
 * `today` exists so tests (and `--as-of`) can pin the clock; it defaults to the current UTC date,
 * and the month defaults to today's month.
 */
import { z } from "zod";
import { currentUtcDay, monthOfDay } from "@/lib/calendar";
import { daySchema, monthSchema } from "@/lib/validation";

export const costMonthFields = { month: monthSchema.optional(), today: daySchema.optional() };

/** Fills the defaults: today is the current UTC date, the month is today's. */
export function resolveMonth<T extends { month?: string; today?: string }>(
  value: T,
): T & { month: string; today: string } {
  const today = value.today ?? currentUtcDay();
  return { ...value, month: value.month ?? monthOfDay(today), today };
}

/** `{ month?, today? }` in; `{ month, today }` out, with the defaults filled. */
export const costMonthSchema = z.object(costMonthFields).transform(resolveMonth);
export type CostMonthInput = z.input<typeof costMonthSchema>;
export type CostMonth = z.output<typeof costMonthSchema>;

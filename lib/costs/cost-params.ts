/**
 * The month and the "today" every cost view takes. Months are YYYY-MM, days YYYY-MM-DD, both UTC.
 * `today` exists so tests (and `--as-of`) can pin the clock; it defaults to the current UTC date.
 * Two defaults for the month, each in one place:
 * - resolveMonth: today's month, for what reads "month to date" (findings, the repositories'
 *   month-to-date cost, replication, a team's page);
 * - resolveReviewMonth: the last complete month, for the monthly review (/costs, /chargeback and
 *   their CSVs): a running month read as a month would look like every team saved most of its cost.
 */
import { z } from "zod";
import { currentUtcDay, lastCompleteMonth, monthOfDay } from "@/lib/calendar";
import { daySchema, monthSchema } from "@/lib/validation";

export const costMonthFields = { month: monthSchema.optional(), today: daySchema.optional() };

type MonthFields = { month?: string; today?: string };

/** Fills the defaults: today is the current UTC date, the month is today's. */
export function resolveMonth<T extends MonthFields>(value: T): T & { month: string; today: string } {
  const today = value.today ?? currentUtcDay();
  return { ...value, month: value.month ?? monthOfDay(today), today };
}

/** Fills the review's defaults: today is the current UTC date, the month the last complete one before it. */
export function resolveReviewMonth<T extends MonthFields>(value: T): T & { month: string; today: string } {
  const today = value.today ?? currentUtcDay();
  return { ...value, month: value.month ?? lastCompleteMonth(today), today };
}

/** `{ month?, today? }` in; `{ month, today }` out, the month defaulting to today's. */
export const costMonthSchema = z.object(costMonthFields).transform(resolveMonth);
/** `{ month?, today? }` in; `{ month, today }` out, the month defaulting to the last complete one. */
export const reviewMonthSchema = z.object(costMonthFields).transform(resolveReviewMonth);
export type CostMonthInput = z.input<typeof costMonthSchema>;
export type CostMonth = z.output<typeof costMonthSchema>;

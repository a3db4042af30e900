/**
 * The month and the "today" every cost view takes. Months are YYYY-MM, days YYYY-MM-DD, both UTC.
 * `today` exists so tests (and `--as-of`) can pin the clock; it defaults to the current UTC date,
 * and the month defaults to today's month.
 */
import { z } from "zod";
import { currentUtcDay, dayStart, monthOfDay } from "@/lib/calendar";

// Years from 1000: Date.UTC reads years 0-99 as 1900-1999, which would shift a month's range
// silently. Up to 9998: a month's end (the next month's first day) must still have four digits.
const MONTH = /^((?!9999)[1-9]\d{3})-(0[1-9]|1[0-2])$/;
const DAY = /^(?!9999)[1-9]\d{3}-\d{2}-\d{2}$/;

export const monthSchema = z.string().trim().regex(MONTH, "expected a month as YYYY-MM (years 1000 to 9998)");

export const daySchema = z
  .string()
  .trim()
  .regex(DAY, "expected a day as YYYY-MM-DD (years 1000 to 9998)")
  // zod runs this refinement even when the pattern failed, so the text may be anything.
  .refine((value) => {
    const day = dayStart(value);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  }, "not a calendar day");

export const costMonthFields = { month: monthSchema.optional(), today: daySchema.optional() };

/** Fills the defaults: today is the current UTC date, the month is today's. */
export function resolveMonth<T extends { month?: string; today?: string }>(value: T): T & { month: string; today: string } {
  const today = value.today ?? currentUtcDay();
  return { ...value, month: value.month ?? monthOfDay(today), today };
}

/** `{ month?, today? }` in; `{ month, today }` out, with the defaults filled. */
export const costMonthSchema = z.object(costMonthFields).transform(resolveMonth);
export type CostMonthInput = z.input<typeof costMonthSchema>;
export type CostMonth = z.output<typeof costMonthSchema>;

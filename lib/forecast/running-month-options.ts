/**
 * The options of the reports about the running month (`forecast`, `budgets`): without a month, the
 * month `asOf` falls in (resolveMonth's default, the month a forecast is for), unlike the review's
 * reports, which default to the last complete month.
 */
import { z } from "zod";
import { resolveMonth } from "@/lib/costs/cost-params";
import { daySchema, monthSchema } from "@/lib/validation";

export const runningMonthOptions = z.object({ month: monthSchema.optional(), asOf: daySchema.optional() });

export const runningMonthOptionDescriptions = {
  month: "the month, YYYY-MM (default: the current month)",
  asOf: "count the month up to this day, YYYY-MM-DD (default: today, UTC)",
};

/** `{ month, today }` with the defaults filled: today is `asOf` or the current UTC date. */
export function resolveRunningMonth(options: z.output<typeof runningMonthOptions>): { month: string; today: string } {
  const { month, today } = resolveMonth({ month: options.month, today: options.asOf });
  return { month, today };
}

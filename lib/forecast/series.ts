/**
 * A team's days of one cost kind as the forecast reads them: every day of the month from its first
 * up to the last covered day, a day without a charge counted as zero (a registry created mid-month
 * costs nothing before it existed).
 */
import { addDays, daysBetween, firstDayOf } from "../calendar";
import type { Micros } from "../costs/types";

export function denseDays(month: string, until: string, days: readonly { day: string; micros: Micros }[]): Micros[] {
  const count = daysBetween(firstDayOf(month), until) + 1;
  if (count <= 0) return [];
  const byDay = new Map(days.map((d) => [d.day, d.micros]));
  return Array.from({ length: count }, (_, i) => byDay.get(addDays(firstDayOf(month), i)) ?? 0n);
}

/**
 * Which days the review compares when it sets a month beside the one before it (costs and
 * chargeback both ask this one rule):
 * - a complete month counts whole against the whole previous month;
 * - a running month (today is in it) counts its days to today against the SAME days of the
 *   previous month, Dec 1–5 against Nov 1–5: five days against a whole month would read as a fall.
 *   A day the previous month does not have clamps to its last day (Mar 1–31 against Feb 1–28).
 * A month after today's has no day yet; it is compared whole (it has nothing to show).
 */
import { firstDayOf, lastDayOf, monthOfDay, shiftMonth } from "@/lib/calendar";
import { COST_KINDS, type CostKind, type DayCost, type Micros } from "./types";

/** Days `from`..`until` (inclusive, YYYY-MM-DD, UTC) of `month`. */
export type DayRange = { month: string; from: string; until: string };
export type ComparedDays = { running: boolean; current: DayRange; previous: DayRange };

export function comparedDays(month: string, today: string): ComparedDays {
  const previousMonth = shiftMonth(month, -1);
  const running = monthOfDay(today) === month;
  const previousLast = lastDayOf(previousMonth);
  const sameDay = `${previousMonth}${today.slice(7)}`;
  return {
    running,
    current: { month, from: firstDayOf(month), until: running ? today : lastDayOf(month) },
    previous: {
      month: previousMonth,
      from: firstDayOf(previousMonth),
      until: running && sameDay < previousLast ? sameDay : previousLast,
    },
  };
}

/** The amounts of the days up to `until` (inclusive), summed. */
export function sumDaysUntil(days: readonly { day: string; micros: bigint }[], until: string): bigint {
  return days.reduce((sum, d) => (d.day <= until ? sum + d.micros : sum), 0n);
}

/**
 * A registry's cost of each kind over its days up to `until`, from the cost model's daily figures:
 * those are its exact running total rounded day by day, so this is that running total rounded
 * once, and to the month's last day it is the month's lines.
 */
export function kindsUntil(daily: readonly DayCost[], until: string): Record<CostKind, Micros> {
  const totals = Object.fromEntries(COST_KINDS.map((kind) => [kind, 0n])) as Record<CostKind, Micros>;
  for (const day of daily) if (day.day <= until) for (const kind of COST_KINDS) totals[kind] += day.costs[kind];
  return totals;
}

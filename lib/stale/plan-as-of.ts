import { DAY_MS, dayStart, isoDay } from "@/lib/calendar";

/**
 * The instant a cleanup plan is evaluated at, from a UTC day (`--as-of YYYY-MM-DD`): the END of
 * that day, 23:59:59.999Z. So the plan of a day is the same whenever that day it is made, and a tag
 * pushed that day counts as 0 days old. Without a day: the end of today (UTC).
 */
export function planAsOf(day: string | undefined, now: Date = new Date()): Date {
  return new Date(dayStart(day ?? isoDay(now)).getTime() + DAY_MS - 1);
}

/**
 * The one calendar: days as "YYYY-MM-DD" strings and months as "YYYY-MM", all UTC. An ISO
 * string of a Date is UTC, so its first 10 (7) characters are the instant's UTC day (month).
 */

export const DAY_MS = 86_400_000;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function monthParts(month: string): [number, number] {
  const match = MONTH_PATTERN.exec(month);
  const monthNumber = match ? Number(match[2]) : 0;
  if (!match || monthNumber < 1 || monthNumber > 12) throw new Error(`"${month}" is not a month (YYYY-MM)`);
  return [Number(match[1]), monthNumber];
}

const toDate = (instant: Date | number) => (typeof instant === "number" ? new Date(instant) : instant);

/** The UTC day of an instant (a Date or epoch milliseconds). */
export function isoDay(instant: Date | number): string {
  return toDate(instant).toISOString().slice(0, 10);
}

/** The UTC month of an instant (a Date or epoch milliseconds). */
export function isoMonth(instant: Date | number): string {
  return toDate(instant).toISOString().slice(0, 7);
}

/** "2026-02-17" → "2026-02". */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

export function currentUtcDay(now: Date = new Date()): string {
  return isoDay(now);
}

/** Midnight UTC starting `day`; not validated (junk gives an Invalid Date, as Date.parse would). */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The day `days` days after `day` (before, when negative). */
export function addDays(day: string, days: number): string {
  return isoDay(dayStart(day).getTime() + days * DAY_MS);
}

/** UTC epoch day number of a "YYYY-MM-DD". */
export function dayNumber(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`"${day}" is not a day (YYYY-MM-DD)`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (isoDay(ms) !== day) throw new Error(`"${day}" is not a calendar day`);
  return ms / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return isoDay(n * DAY_MS);
}

/** "2026-02" → 28. */
export function daysInMonth(month: string): number {
  const [year, monthNumber] = monthParts(month);
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

export function firstDayOf(month: string): string {
  monthParts(month);
  return `${month}-01`;
}

export function lastDayOf(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, "0")}`;
}

/** The month `by` months after `month` (before, when negative). */
export function shiftMonth(month: string, by: number): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return isoMonth(Date.UTC(year, monthNumber - 1 + by, 1));
}

/** The month before `today`'s: the last one whose every day has passed (UTC). */
export function lastCompleteMonth(today: string): string {
  return shiftMonth(monthOfDay(today), -1);
}

/** The last day a month's figures can cover: its last day, or today when the month is running. */
export function coveredUntil(month: string, today: string): string {
  const last = lastDayOf(month);
  return today < last ? today : last;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

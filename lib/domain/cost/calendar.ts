/** Calendar days as "YYYY-MM-DD" strings and months as "YYYY-MM", all UTC. */

const DAY_MS = 86_400_000;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function monthParts(month: string): [number, number] {
  const match = MONTH_PATTERN.exec(month);
  const monthNumber = match ? Number(match[2]) : 0;
  if (!match || monthNumber < 1 || monthNumber > 12) throw new Error(`"${month}" is not a month (YYYY-MM)`);
  return [Number(match[1]), monthNumber];
}

/** UTC epoch day number of a "YYYY-MM-DD". */
export function dayNumber(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`"${day}" is not a day (YYYY-MM-DD)`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new Error(`"${day}" is not a calendar day`);
  return ms / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC day of an instant. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
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

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

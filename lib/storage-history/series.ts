/**
 * Time series helpers for the trends views: the day window of a range, and pivoting
 * (day, series, value) rows into one point per day with a value per series, as charts take them.
 */
import { addDays } from "@/lib/calendar";
import { compareCodePoints } from "@/lib/compare";

export const TREND_RANGES = { "90d": 90, "180d": 180, "1y": 365 } as const;
export type TrendRange = keyof typeof TREND_RANGES;

/** The first and last day (YYYY-MM-DD, UTC) of a range ending on `today`, both included. */
export function rangeWindow(range: TrendRange, today: string): { from: string; until: string } {
  return { from: addDays(today, -(TREND_RANGES[range] - 1)), until: today };
}

export type SeriesRow = { day: string; series: string; value: number };
export type SeriesPoint = { day: string } & Record<string, number | string | null>;

/**
 * One point per day that has any value, in day order; a series without a value that day gets
 * null (a gap the chart can bridge), never 0, which would read as "emptied".
 */
export function pivotSeries(rows: readonly SeriesRow[]): { series: string[]; points: SeriesPoint[] } {
  const series = [...new Set(rows.map((r) => r.series))].sort(compareCodePoints);
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const day = byDay.get(r.day) ?? new Map<string, number>();
    day.set(r.series, r.value);
    byDay.set(r.day, day);
  }
  const points = [...byDay.keys()].sort().map((day) => {
    const values = byDay.get(day)!;
    return { day, ...Object.fromEntries(series.map((s) => [s, values.get(s) ?? null])) } as SeriesPoint;
  });
  return { series, points };
}

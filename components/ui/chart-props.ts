/**
 * Props the daily charts share, so every chart reads bytes and days the same way: spread them into
 * Recharts' own axes and tooltip (Recharts finds those by type, so they cannot be wrapped).
 */
import { formatBytes, formatExactBytes, formatShortDay } from "@/lib/format";

/** An X axis of UTC days ("YYYY-MM-DD" values). */
export const dayAxisProps = {
  dataKey: "day",
  tickFormatter: formatShortDay,
  tick: { fontSize: 11 },
  minTickGap: 24,
} as const;

/** A Y axis of bytes in binary units. */
export const bytesAxisProps = {
  tickFormatter: (v: number) => formatBytes(v),
  tick: { fontSize: 11 },
  width: 72,
} as const;

/** A tooltip of one day's byte series: "1.2 GiB (1,288,490,189 bytes)" per series. */
export const bytesByDayTooltipProps = {
  labelFormatter: (day: unknown) => String(day),
  formatter: (value: unknown, name: unknown) =>
    [`${formatBytes(Number(value))} (${formatExactBytes(Number(value))})`, String(name)] as [string, string],
} as const;

/** One stacked series of a cost chart: the data key, its legend label and colour. */
export type CostSeries = { key: string; label: string; color: string };

/** A Y axis of amounts in currency units (display only; exact figures live in the tables). */
export const currencyAxisProps = { tickFormatter: (v: number) => v.toFixed(2), tick: { fontSize: 11 } } as const;

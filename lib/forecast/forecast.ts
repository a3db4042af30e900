/**
 * A running month's whole-month forecast from its complete days, per cost kind, in exact micros.
 * Each kind is extrapolated the way it accrues: the fixed daily fees (a registry's, a replica's)
 * go on at the last day's fee; storage goes on at the current daily run-rate moved by its trend
 * (the average day-over-day change over the last week), never below zero; tasks, which come in
 * bursts, at the month's average day so far. A month with every day complete forecasts its actual.
 */
import { roundDiv } from "../costs/money";
import type { CostKind, Micros } from "../costs/types";

/** The method in one sentence, as the review and the README state it. */
export const FORECAST_METHOD =
  "Fixed fees continue at the last day's fee, storage at the current daily run-rate moved by its average daily change over the last 7 days, and tasks at the month's average day so far, for each remaining day of the month.";

/** Days of storage history the trend is taken over (the last day and the six before it). */
export const TREND_DAYS = 7;

export type KindSeries = {
  kind: CostKind;
  /** The month's length in days. */
  daysInMonth: number;
  /** The cost of each complete day so far, day 1 first; never longer than the month. */
  daily: readonly Micros[];
};

export type Forecast = { actualToDate: Micros; forecast: Micros };

const sum = (values: readonly Micros[]) => values.reduce((total, value) => total + value, 0n);

export function forecastKind({ kind, daysInMonth, daily }: KindSeries): Forecast {
  if (daily.length > daysInMonth) throw new Error(`${daily.length} days of costs for a month of ${daysInMonth} days`);
  const actualToDate = sum(daily);
  const remaining = BigInt(daysInMonth - daily.length);
  if (daily.length === 0 || remaining === 0n) return { actualToDate, forecast: actualToDate };
  const last = daily[daily.length - 1];
  switch (kind) {
    case "unit":
    case "replication_unit":
      return { actualToDate, forecast: actualToDate + last * remaining };
    case "tasks":
      return { actualToDate, forecast: actualToDate + roundDiv(actualToDate * remaining, BigInt(daily.length)) };
    case "storage":
    case "replication_storage":
      return { actualToDate, forecast: actualToDate + trendedRest(daily, remaining) };
  }
}

/**
 * The remaining days at the last day's cost plus k times the trend on the k-th of them, each day
 * floored at zero (storage cannot go below nothing); summed as one fraction and rounded once.
 */
function trendedRest(daily: readonly Micros[], remaining: bigint): Micros {
  const window = daily.slice(-TREND_DAYS);
  const last = window[window.length - 1];
  // slope = (last − first) / steps, kept as a fraction so no day's value is rounded.
  const steps = BigInt(Math.max(window.length - 1, 1));
  const rise = last - window[0];
  let numerator = 0n;
  for (let k = 1n; k <= remaining; k++) {
    const day = last * steps + rise * k;
    if (day > 0n) numerator += day;
  }
  return roundDiv(numerator, steps);
}

/** The forecast of several kinds (a team's or a registry's), summed exactly. */
export function forecastTotal(series: readonly KindSeries[]): Forecast {
  return series
    .map(forecastKind)
    .reduce(
      (total, f) => ({ actualToDate: total.actualToDate + f.actualToDate, forecast: total.forecast + f.forecast }),
      { actualToDate: 0n, forecast: 0n },
    );
}

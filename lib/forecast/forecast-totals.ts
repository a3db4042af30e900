/**
 * A month's forecast lines summed by one dimension (team, registry or cost kind), exactly in micros:
 * the review's breakdowns and a budget's team total are each the sum of the same lines.
 */
import type { Micros } from "../costs/types";
import type { Forecast } from "./forecast";

export type ForecastFigures = { actualToDate: Micros; forecast: Micros };

/** The lines' figures summed per key, keys in the order they first appear. */
export function forecastTotalsBy<L extends ForecastFigures, K>(
  lines: readonly L[],
  keyOf: (line: L) => K,
): Map<K, Forecast> {
  const totals = new Map<K, Forecast>();
  for (const line of lines) {
    const key = keyOf(line);
    const total = totals.get(key) ?? { actualToDate: 0n, forecast: 0n };
    totals.set(key, {
      actualToDate: total.actualToDate + line.actualToDate,
      forecast: total.forecast + line.forecast,
    });
  }
  return totals;
}

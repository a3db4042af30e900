/**
 * A team's daily cost as its jumps are looked for: the chargeback allocation's days (each
 * registry's `daily`, summed per team and day) of the day's month and the month before, so the 30
 * rises a threshold is taken from reach across the month boundary. Only days with a charge are in
 * a team's series: a team whose first registry appeared yesterday has no usual day to compare with
 * yet, and is not flagged for existing.
 * The floor is 1 % of the team's month as forecast the day before (lib/forecast, the figure its
 * budget is read against; on a month's first day, the month just ended), not its cost to date,
 * which early in a month is a day or two whose 1 % would let a few cents' wobble through; and not
 * the forecast of the day itself, whose storage trend extrapolates the very jump it is to judge.
 */
import { daysInMonth } from "../calendar";
import { compareCodePoints } from "../compare";
import type { CostKind, Micros } from "../costs/types";
import { forecastTotal, type KindSeries } from "../forecast/forecast";
import { denseDays } from "../forecast/series";
import type { SeriesDay } from "./detect";

type Days = readonly { day: string; micros: Micros }[];

/**
 * A registry's allocated days from its first inventoried day on: the first day any kind but task
 * runs is charged (its fees run from its first snapshot). Task runs are read from ACR's run history,
 * which reaches back before the first sync, so without the cut a registry's first synced day would
 * read as a jump from a few task runs a day to its whole cost.
 */
export function sinceInventoried(
  daily: ReadonlyMap<string, Days>,
  byKind: ReadonlyMap<string, ReadonlyMap<CostKind, Days>>,
): Map<string, Days> {
  let first: string | undefined;
  for (const kinds of byKind.values())
    for (const [kind, days] of kinds)
      if (kind !== "tasks")
        for (const { day, micros } of days) if (micros > 0n && (first === undefined || day < first)) first = day;
  const from = first;
  if (from === undefined) return new Map();
  return new Map([...daily].map(([team, days]) => [team, days.filter((d) => d.day >= from)]));
}

/** Each team's days up to `until` (inclusive), oldest first, summed over the allocations given. */
export function teamDailySeries(
  allocations: Iterable<ReadonlyMap<string, Days>>,
  until: string,
): Map<string, SeriesDay[]> {
  const byTeam = new Map<string, Map<string, Micros>>();
  for (const daily of allocations) {
    for (const [team, days] of daily) {
      let sums = byTeam.get(team);
      if (!sums) byTeam.set(team, (sums = new Map()));
      for (const { day, micros } of days) if (day <= until) sums.set(day, (sums.get(day) ?? 0n) + micros);
    }
  }
  const series = new Map<string, SeriesDay[]>();
  for (const [team, sums] of byTeam)
    series.set(
      team,
      [...sums].sort(([a], [b]) => compareCodePoints(a, b)).map(([day, value]) => ({ day, value })),
    );
  return series;
}

/** Each team's whole-month forecast as of `asOf`, over every registry's days of each kind. */
export function teamMonthForecasts(
  month: string,
  asOf: string,
  allocations: Iterable<ReadonlyMap<string, ReadonlyMap<CostKind, Days>>>,
): Map<string, Micros> {
  const series = new Map<string, KindSeries[]>();
  const length = daysInMonth(month);
  for (const byKind of allocations) {
    for (const [team, kinds] of byKind) {
      const list = series.get(team) ?? [];
      for (const [kind, days] of kinds) list.push({ kind, daysInMonth: length, daily: denseDays(month, asOf, days) });
      series.set(team, list);
    }
  }
  return new Map([...series].map(([team, kinds]) => [team, forecastTotal(kinds).forecast]));
}

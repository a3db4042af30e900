/**
 * The review's forecast of the running month (today's UTC month), cut to the access's teams:
 * totals per team, registry and cost kind and the lines they sum, in MicrosString for the page.
 * A complete month has no forecast (its actual is the month), nor has a month not yet begun: null.
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import { currentUtcDay, daysBetween, daysInMonth, firstDayOf, monthOfDay } from "@/lib/calendar";
import { compareCodePoints } from "@/lib/compare";
import type { MicrosString } from "@/lib/costs/cost-views";
import { COST_KINDS, type CostKind } from "@/lib/costs/types";
import { FORECAST_METHOD, type Forecast } from "../forecast";
import { forecastTotalsBy } from "../forecast-totals";
import { forecastMonth } from "./forecast-month";

export type ForecastFiguresView = { actualToDate: MicrosString; forecast: MicrosString };

export type RunningForecastView = {
  month: string;
  /** The last day the actuals cover (today). */
  asOf: string;
  daysCovered: number;
  daysInMonth: number;
  currency: string;
  /** FORECAST_METHOD: the method in one sentence. */
  method: string;
  total: ForecastFiguresView;
  byTeam: (ForecastFiguresView & { team: string })[];
  byRegistry: (ForecastFiguresView & { registry: string })[];
  byKind: (ForecastFiguresView & { kind: CostKind })[];
  /** Per team, registry and kind, as the `forecast` CSV has them. */
  lines: (ForecastFiguresView & { team: string; registry: string; kind: CostKind })[];
};

const toView = (f: Forecast): ForecastFiguresView => ({
  actualToDate: f.actualToDate.toString(),
  forecast: f.forecast.toString(),
});

export async function getRunningForecast(
  month: string,
  options: { access: Access; today?: string },
): Promise<RunningForecastView | null> {
  const today = options.today ?? currentUtcDay();
  if (monthOfDay(today) !== month) return null;
  const forecast = await forecastMonth(month, today, options.access);
  const { lines } = forecast;
  const byRegistry = forecastTotalsBy(lines, (l) => l.registry);
  const byKind = forecastTotalsBy(lines, (l) => l.kind);
  return {
    month,
    asOf: forecast.asOf,
    daysCovered: daysBetween(firstDayOf(month), forecast.asOf) + 1,
    daysInMonth: daysInMonth(month),
    currency: forecast.currency,
    method: FORECAST_METHOD,
    total: toView(forecastTotalsBy(lines, () => "all").get("all") ?? { actualToDate: 0n, forecast: 0n }),
    byTeam: [...forecastTotalsBy(lines, (l) => l.team)].map(([team, f]) => ({ team, ...toView(f) })),
    byRegistry: [...byRegistry.keys()]
      .sort(compareCodePoints)
      .map((registry) => ({ registry, ...toView(byRegistry.get(registry)!) })),
    byKind: COST_KINDS.filter((kind) => byKind.has(kind)).map((kind) => ({ kind, ...toView(byKind.get(kind)!) })),
    lines: lines.map((l) => ({ team: l.team, registry: l.registry, kind: l.kind, ...toView(l) })),
  };
}

/**
 * A month's forecast per team, registry and cost kind: the allocated cost to date (the chargeback
 * month, as kept per registry) and the whole month extrapolated kind by kind (lib/forecast). A
 * month already over forecasts its actual. Allocated with the teams document stored now, which is
 * also where the budgets are. A team member's forecast holds its teams' lines only: each line is
 * the team's own allocation, so a member reads row for row what an Admin reads for its teams.
 */
import { teamInAccess, type Access } from "../../auth/access";
import { coveredUntil, daysInMonth } from "../../calendar";
import { getChargebackConfig } from "../../chargeback/server/config-store";
import { readChargebackMonth } from "../../chargeback/server/read-chargeback-month";
import { COST_KINDS, type CostKind, type Micros } from "../../costs/types";
import { forecastKind } from "../forecast";
import { forecastTotalsBy } from "../forecast-totals";
import { denseDays } from "../series";

export type ForecastLine = {
  team: string;
  registry: string;
  kind: CostKind;
  actualToDate: Micros;
  forecast: Micros;
};

export type MonthForecast = {
  month: string;
  /** The last day the actuals cover (the month's last day once it is over). */
  asOf: string;
  currency: string;
  /** By team, registry and kind in COST_KINDS order; lines with neither cost nor forecast left out. */
  lines: ForecastLine[];
};

export async function forecastMonth(
  month: string,
  today: string,
  access: Access = { kind: "all" },
): Promise<MonthForecast> {
  const { config } = await getChargebackConfig();
  const data = await readChargebackMonth({ month, today }, config, { keep: true });
  const asOf = coveredUntil(month, today);
  const length = daysInMonth(month);
  const lines: ForecastLine[] = [];
  for (const registry of data.registries) {
    for (const [team, kinds] of registry.allocation.dailyByKind) {
      if (!teamInAccess(access, team)) continue;
      for (const kind of COST_KINDS) {
        const days = kinds.get(kind);
        if (!days) continue;
        const f = forecastKind({ kind, daysInMonth: length, daily: denseDays(month, asOf, days) });
        if (f.actualToDate !== 0n || f.forecast !== 0n)
          lines.push({ team, registry: registry.record.name, kind, ...f });
      }
    }
  }
  lines.sort(
    (a, b) =>
      compare(a.team, b.team) ||
      compare(a.registry, b.registry) ||
      COST_KINDS.indexOf(a.kind) - COST_KINDS.indexOf(b.kind),
  );
  return { month, asOf, currency: data.pricing.currency, lines };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each team's month summed over its registries and kinds. */
export function teamTotals(forecast: MonthForecast): Map<string, { actualToDate: Micros; forecast: Micros }> {
  return forecastTotalsBy(forecast.lines, (line) => line.team);
}

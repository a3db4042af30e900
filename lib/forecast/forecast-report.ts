import { formatMoney } from "@/lib/costs/money";
import { resolveRunningMonth, runningMonthOptionDescriptions, runningMonthOptions } from "./running-month-options";
import { forecastMonth } from "./server/forecast-month";
import { defineReport } from "../reports/define-report";
import { FORECAST_METHOD } from "./forecast";

export const forecastReport = defineReport({
  name: "forecast",
  description: `A month's allocated cost to date and its forecast for the whole month, per team, registry and cost kind. ${FORECAST_METHOD}`,
  teamScoped: true,
  columns: ["month", "as_of", "team", "registry", "cost_kind", "actual_to_date", "forecast", "currency"],
  numericColumns: ["actual_to_date", "forecast"],
  options: runningMonthOptions,
  optionDescriptions: runningMonthOptionDescriptions,
  async prepare(options, _format, access) {
    const { month, today } = resolveRunningMonth(options);
    return forecastMonth(month, today, access);
  },
  async *rows(forecast) {
    for (const line of forecast.lines)
      yield {
        month: forecast.month,
        as_of: forecast.asOf,
        team: line.team,
        registry: line.registry,
        cost_kind: line.kind,
        actual_to_date: formatMoney(line.actualToDate, 6),
        forecast: formatMoney(line.forecast, 6),
        currency: forecast.currency,
      };
  },
});

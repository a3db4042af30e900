import { z } from "zod";
import { currentUtcDay } from "@/lib/calendar";
import { formatMoney } from "@/lib/costs/money";
import { daySchema, monthSchema } from "@/lib/validation";
import { forecastMonth } from "./server/forecast-month";
import { defineReport } from "../reports/define-report";
import { FORECAST_METHOD } from "./forecast";

export const forecastReport = defineReport({
  name: "forecast",
  description: `A month's allocated cost to date and its forecast for the whole month, per team, registry and cost kind. ${FORECAST_METHOD}`,
  teamScoped: true,
  columns: ["month", "as_of", "team", "registry", "cost_kind", "actual_to_date", "forecast", "currency"],
  numericColumns: ["actual_to_date", "forecast"],
  options: z.object({ month: monthSchema.optional(), asOf: daySchema.optional() }),
  optionDescriptions: {
    month: "the month, YYYY-MM (default: the current month)",
    asOf: "count the month up to this day, YYYY-MM-DD (default: today, UTC)",
  },
  async prepare({ month, asOf }, _format, access) {
    const today = asOf ?? currentUtcDay();
    return forecastMonth(month ?? today.slice(0, 7), today, access);
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

import { z } from "zod";
import { currentUtcDay } from "@/lib/calendar";
import { formatMoney } from "@/lib/costs/money";
import { getEnv } from "@/lib/env";
import { daySchema, monthSchema } from "@/lib/validation";
import { defineReport } from "../reports/define-report";
import { teamBudgets } from "./server/team-budgets";

export const budgetsReport = defineReport({
  name: "budgets",
  description:
    "Each team with a monthly budget in the teams document: its cost to date, the month's forecast, the percent of the budget spent and its status (over: the cost to date reached the budget; at_risk: the forecast did; on_track: neither)",
  teamScoped: true,
  columns: ["month", "team", "budget", "actual_to_date", "forecast", "percent_of_budget", "status", "currency"],
  numericColumns: ["budget", "actual_to_date", "forecast", "percent_of_budget"],
  options: z.object({ month: monthSchema.optional(), asOf: daySchema.optional() }),
  optionDescriptions: {
    month: "the month, YYYY-MM (default: the current month)",
    asOf: "count the month up to this day, YYYY-MM-DD (default: today, UTC)",
  },
  async prepare({ month, asOf }, _format, access) {
    const today = asOf ?? currentUtcDay();
    return teamBudgets(month ?? today.slice(0, 7), today, getEnv().alerts.budgetThresholds, access);
  },
  async *rows(budgets) {
    for (const team of budgets.teams)
      yield {
        month: budgets.month,
        team: team.team,
        budget: formatMoney(team.budget, 2),
        actual_to_date: formatMoney(team.actualToDate, 6),
        forecast: formatMoney(team.forecast, 6),
        percent_of_budget: team.percentOfBudget ?? "",
        status: team.status,
        currency: budgets.currency,
      };
  },
});

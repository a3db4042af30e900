import { formatMoney } from "@/lib/costs/money";
import {
  resolveRunningMonth,
  runningMonthOptionDescriptions,
  runningMonthOptions,
} from "../forecast/running-month-options";
import { getEnv } from "@/lib/env";
import { defineReport } from "../reports/define-report";
import { teamBudgets } from "./server/team-budgets";

export const budgetsReport = defineReport({
  name: "budgets",
  description:
    "Each team with a monthly budget in the teams document: its cost to date, the month's forecast, the percent of the budget spent and its status (over: the cost to date reached the budget; at_risk: the forecast did; on_track: neither)",
  teamScoped: true,
  columns: ["month", "team", "budget", "actual_to_date", "forecast", "percent_of_budget", "status", "currency"],
  numericColumns: ["budget", "actual_to_date", "forecast", "percent_of_budget"],
  options: runningMonthOptions,
  optionDescriptions: runningMonthOptionDescriptions,
  async prepare(options, _format, access) {
    const { month, today } = resolveRunningMonth(options);
    return teamBudgets(month, today, getEnv().alerts.budgetThresholds, access);
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

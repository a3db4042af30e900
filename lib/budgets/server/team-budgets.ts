/**
 * Each team's monthly budget (the teams document's `budget.monthly`) against its month: the cost
 * to date and the forecast (lib/forecast), the percent spent, the status and the thresholds
 * reached. Budgets are written in the document's currency; one that differs from the pricing's is
 * refused by name rather than compared across currencies. A team member reads its teams' budgets only.
 */
import { teamInAccess, type Access } from "../../auth/access";
import { getChargebackConfig } from "../../chargeback/server/config-store";
import { parseMoney } from "../../costs/money";
import type { Micros } from "../../costs/types";
import { LedgerError } from "../../errors";
import { forecastMonth, teamTotals } from "../../forecast/server/forecast-month";
import { budgetStatus, crossedThresholds, percentOfBudget, type BudgetStatus, type Threshold } from "../thresholds";

export type TeamBudget = {
  team: string;
  budget: Micros;
  actualToDate: Micros;
  forecast: Micros;
  /** One decimal ("83.4"); null for a zero budget. */
  percentOfBudget: string | null;
  status: BudgetStatus;
  crossed: Threshold[];
};

export type MonthBudgets = { month: string; asOf: string; currency: string; teams: TeamBudget[] };

export async function teamBudgets(
  month: string,
  today: string,
  thresholds: readonly Threshold[],
  access: Access = { kind: "all" },
): Promise<MonthBudgets> {
  const { config } = await getChargebackConfig();
  const forecast = await forecastMonth(month, today, access);
  const budgeted = config.teams.filter((team) => team.budget !== undefined && teamInAccess(access, team.name));
  // Without a budget in view nothing is compared, so the document's currency cannot be wrong here.
  if (budgeted.length > 0 && config.currency !== undefined && config.currency !== forecast.currency)
    throw new LedgerError(
      "validation",
      `The teams document's budgets are in ${config.currency}, the costs in ${forecast.currency}: set "currency" to ${forecast.currency} or price in ${config.currency}`,
    );
  const totals = teamTotals(forecast);
  const teams = budgeted.flatMap((team): TeamBudget[] => {
    if (!team.budget) return [];
    const budget = parseMoney(team.budget.monthly);
    const { actualToDate, forecast: whole } = totals.get(team.name) ?? { actualToDate: 0n, forecast: 0n };
    const month = { budget, actualToDate, forecast: whole };
    return [
      {
        team: team.name,
        ...month,
        percentOfBudget: percentOfBudget(actualToDate, budget),
        status: budgetStatus(month),
        crossed: crossedThresholds(month, thresholds),
      },
    ];
  });
  return { month, asOf: forecast.asOf, currency: forecast.currency, teams };
}

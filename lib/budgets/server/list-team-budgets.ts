/**
 * The budgets of a month as the review and the team page show them: teamBudgets cut to the
 * access's teams (a member reads its own teams' budgets, never another's), money as MicrosString.
 * `running` says whether the month is still going (its forecast is then more than its actual).
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import { currentUtcDay, monthOfDay } from "@/lib/calendar";
import type { MicrosString } from "@/lib/costs/cost-views";
import { getEnv } from "@/lib/env";
import type { BudgetStatus } from "../thresholds";
import { teamBudgets } from "./team-budgets";

export type TeamBudgetView = {
  team: string;
  budget: MicrosString;
  actualToDate: MicrosString;
  forecast: MicrosString;
  /** One decimal ("83.4"); null for a zero budget. */
  percentOfBudget: string | null;
  status: BudgetStatus;
};

export type MonthBudgetsView = {
  month: string;
  asOf: string;
  running: boolean;
  currency: string;
  teams: TeamBudgetView[];
};

export async function listTeamBudgets(
  month: string,
  options: { access: Access; today?: string },
): Promise<MonthBudgetsView> {
  const today = options.today ?? currentUtcDay();
  const budgets = await teamBudgets(month, today, getEnv().alerts.budgetThresholds, options.access);
  return {
    month,
    asOf: budgets.asOf,
    running: monthOfDay(today) === month,
    currency: budgets.currency,
    teams: budgets.teams.map((t) => ({
      team: t.team,
      budget: t.budget.toString(),
      actualToDate: t.actualToDate.toString(),
      forecast: t.forecast.toString(),
      percentOfBudget: t.percentOfBudget,
      status: t.status,
    })),
  };
}

/**
 * One team's budget line for a month (its team page): null when the team has no budget or the
 * access may not read it.
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import { teamInAccess } from "@/lib/auth/server/team-scope";
import { listTeamBudgets, type MonthBudgetsView, type TeamBudgetView } from "./list-team-budgets";

export type TeamBudgetLineView = Omit<MonthBudgetsView, "teams"> & { line: TeamBudgetView };

export async function getTeamBudget(
  team: string,
  month: string,
  options: { access: Access; today?: string },
): Promise<TeamBudgetLineView | null> {
  if (!teamInAccess(options.access, team)) return null;
  const { teams, ...budgets } = await listTeamBudgets(month, {
    access: { kind: "teams", teams: [team] },
    today: options.today,
  });
  const line = teams.find((t) => t.team === team);
  return line ? { ...budgets, line } : null;
}

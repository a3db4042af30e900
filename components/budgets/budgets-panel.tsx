import Link from "next/link";
import { teamHref } from "@/components/chargeback/team-urls";
import { Money } from "@/components/ui/money";
import { Panel } from "@/components/ui/panel";
import type { MonthBudgetsView, TeamBudgetView } from "@/lib/budgets/server/list-team-budgets";
import { BudgetPercent } from "./budget-percent";
import { BudgetStatusBadge } from "./budget-status-badge";
import { budgetsCsvHref } from "./budget-urls";
import { BudgetsProblem, settleBudgets } from "./budgets-problem";

/** The month's budgeted teams the viewer may read, against their cost; nothing when none has a budget. */
export async function BudgetsPanel({ budgets }: { budgets: Promise<MonthBudgetsView> }) {
  const settled = await settleBudgets(budgets);
  if (!settled.ok)
    return (
      <Panel title="Budgets" testId="budgets">
        <BudgetsProblem problem={settled.problem} />
      </Panel>
    );
  const view = settled.value;
  if (view.teams.length === 0) return null;
  const csv = (
    <a className="button secondary" href={budgetsCsvHref(view.month)} download data-testid="download-budgets-csv">
      Download budgets CSV
    </a>
  );
  return (
    <Panel title="Budgets" actions={csv} testId="budgets">
      <p className="muted small">
        Each team&apos;s monthly budget from the teams document, in {view.currency}, against its cost to {view.asOf}
        {view.running ? " and the forecast for the whole month" : " (the month is over: its forecast is its actual)"}.
        Over: the cost to date reached the budget; at risk: the forecast does; on track: neither.
      </p>
      <table className="table compact" data-testid="budgets-table">
        <caption className="sr-only">Budgets, {view.month}</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col" className="right">
              Budget
            </th>
            <th scope="col" className="right">
              Actual to date
            </th>
            <th scope="col" className="right">
              Forecast
            </th>
            <th scope="col" className="right">
              Percent of budget
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {view.teams.map((team) => (
            <BudgetRow key={team.team} team={team} month={view.month} currency={view.currency} />
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function BudgetRow({ team, month, currency }: { team: TeamBudgetView; month: string; currency: string }) {
  return (
    <tr data-testid="budget-row" data-team={team.team}>
      <th scope="row">
        <Link href={teamHref(team.team, month)}>{team.team}</Link>
      </th>
      <td className="right">
        <Money micros={team.budget} currency={currency} testId="budget-amount" />
      </td>
      <td className="right">
        <Money micros={team.actualToDate} currency={currency} testId="budget-actual" />
      </td>
      <td className="right">
        <Money micros={team.forecast} currency={currency} testId="budget-forecast" />
      </td>
      <td className="right">
        <BudgetPercent percent={team.percentOfBudget} testId="budget-percent" />
      </td>
      <td>
        <BudgetStatusBadge status={team.status} testId="budget-status" />
      </td>
    </tr>
  );
}

import type { ReactNode } from "react";
import { Money } from "@/components/ui/money";
import { Panel } from "@/components/ui/panel";
import type { TeamBudgetLineView } from "@/lib/budgets/server/get-team-budget";
import { BudgetPercent } from "./budget-percent";
import { BudgetStatusBadge } from "./budget-status-badge";
import { BudgetsProblem, settleBudgets } from "./budgets-problem";

/** A team's budget for the month on its page; nothing when the team has no budget. */
export async function TeamBudgetLine({ budget }: { budget: Promise<TeamBudgetLineView | null> }) {
  const settled = await settleBudgets(budget);
  if (!settled.ok)
    return (
      <Panel title="Budget" testId="team-budget">
        <BudgetsProblem problem={settled.problem} />
      </Panel>
    );
  if (settled.value === null) return null;
  const { line, currency, month, asOf, running } = settled.value;
  return (
    <Panel title={`Budget ${month}`} testId="team-budget">
      <div className="stats" data-testid="team-budget-line" data-team={line.team}>
        <Stat label="Budget">
          <Money micros={line.budget} currency={currency} testId="budget-amount" />
        </Stat>
        <Stat label={`Actual to ${asOf}`}>
          <Money micros={line.actualToDate} currency={currency} testId="budget-actual" />
        </Stat>
        <Stat label={running ? "Forecast for the month" : "Forecast (the month is over)"}>
          <Money micros={line.forecast} currency={currency} testId="budget-forecast" />
        </Stat>
        <Stat label="Percent of budget">
          <BudgetPercent percent={line.percentOfBudget} testId="budget-percent" />
        </Stat>
        <Stat label="Status">
          <BudgetStatusBadge status={line.status} testId="budget-status" />
        </Stat>
      </div>
    </Panel>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}

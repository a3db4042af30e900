import type { BudgetStatus } from "@/lib/budgets/thresholds";

const LABEL: Record<BudgetStatus, string> = { over: "over", at_risk: "at risk", on_track: "on track" };
const TONE: Record<BudgetStatus, string> = { over: "bad", at_risk: "warn", on_track: "ok" };
const MEANING: Record<BudgetStatus, string> = {
  over: "The cost to date has reached the budget",
  at_risk: "The month's forecast reaches the budget",
  on_track: "Neither the cost to date nor the forecast reaches the budget",
};

/** over / at risk / on track; data-status carries the budgets CSV's value. */
export function BudgetStatusBadge({ status, testId }: { status: BudgetStatus; testId?: string }) {
  return (
    <span className={`badge badge-${TONE[status]}`} title={MEANING[status]} data-status={status} data-testid={testId}>
      {LABEL[status]}
    </span>
  );
}

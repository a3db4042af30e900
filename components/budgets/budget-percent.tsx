/** The cost to date as a percent of the budget, as the budgets CSV writes it; a zero budget has none. */
export function BudgetPercent({ percent, testId }: { percent: string | null; testId?: string }) {
  return (
    <span className="num" data-testid={testId} data-percent={percent ?? ""}>
      {percent === null ? "—" : `${percent} %`}
    </span>
  );
}

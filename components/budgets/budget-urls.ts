/** The `budgets` CSV of a month (counted up to today, as the review is). */
export function budgetsCsvHref(month: string): string {
  return `/api/reports/budgets.csv?${new URLSearchParams({ month })}`;
}

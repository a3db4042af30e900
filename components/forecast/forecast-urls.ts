/** The `forecast` CSV of a month (counted up to today, as the review is). */
export function forecastCsvHref(month: string): string {
  return `/api/reports/forecast.csv?${new URLSearchParams({ month })}`;
}

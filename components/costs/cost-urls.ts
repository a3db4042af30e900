/** URLs of the cost pages and their CSV; the month travels in the query string. */
export function costsHref(month: string): string {
  return `/costs?month=${encodeURIComponent(month)}`;
}

export function registryCostsHref(name: string, month: string): string {
  return `/costs/${encodeURIComponent(name)}?month=${encodeURIComponent(month)}`;
}

export function costsCsvHref(month: string): string {
  return `/api/reports/costs.csv?month=${encodeURIComponent(month)}`;
}

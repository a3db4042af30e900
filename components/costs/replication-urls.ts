export function replicationsCsvHref(month: string): string {
  return `/api/reports/replications.csv?month=${encodeURIComponent(month)}`;
}

export function whatIfHref(registry: string, month: string): string {
  return `/replication?${new URLSearchParams({ month, registry }).toString()}#what-if`;
}

import type { FindingFilter } from "@/lib/findings/server/list-findings";

function filterQuery(filter: FindingFilter): string {
  const query = new URLSearchParams();
  if (filter.severity) query.set("severity", filter.severity);
  if (filter.registry) query.set("registry", filter.registry);
  const text = query.toString();
  return text ? `?${text}` : "";
}

export function findingsHref(filter: FindingFilter): string {
  return `/findings${filterQuery(filter)}`;
}

export function findingsCsvHref(filter: FindingFilter): string {
  return `/api/reports/findings.csv${filterQuery(filter)}`;
}

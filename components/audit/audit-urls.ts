/** URLs of the audit log and its CSV: the filters travel in the query string. */
import { auditFilterQuery, type AuditFilter } from "@/lib/audit/audit-filters";

export function auditHref(filter: AuditFilter, page = 1): string {
  const query = auditFilterQuery(filter);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/audit?${text}` : "/audit";
}

/** The CSV of exactly the events the page filters to (all pages). */
export function auditCsvHref(filter: AuditFilter): string {
  const text = auditFilterQuery(filter).toString();
  return text ? `/api/reports/audit.csv?${text}` : "/api/reports/audit.csv";
}

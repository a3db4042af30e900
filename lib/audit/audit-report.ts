/**
 * The `audit` CSV: the audit log with the /audit page's filters, newest first, one row per event.
 * `role` is the actor's roles, separated by spaces (empty for a CLI's OS user). It needs the
 * "read-audit" action (Admin, FinOps), not just reading.
 */
import { defineReport, pageThrough } from "@/lib/reports/define-report";
import { auditFilterSchema, type AuditFilter } from "./audit-filters";
import { getLatestAuditEventId, listAuditEvents } from "./server/list-audit-events";

const PAGE_SIZE = 500;

export const AUDIT_COLUMNS = ["at", "actor", "role", "action", "target", "summary"] as const;

export const auditReport = defineReport({
  name: "audit",
  description:
    "Every recorded change (teams and rules, stale policy, bill and in-use imports, sync requests): who, when, what",
  need: { action: "read-audit" },
  columns: AUDIT_COLUMNS,
  options: auditFilterSchema,
  optionDescriptions: {
    actor: "only events whose actor's name or subject contains this text (any case)",
    action: "only this action, e.g. chargeback-config.save",
    from: "only events on or after this UTC day, YYYY-MM-DD",
    to: "only events on or before this UTC day, YYYY-MM-DD",
  },
  async prepare(filter: AuditFilter) {
    return { filter, atMostId: await getLatestAuditEventId() };
  },
  async *rows({ filter, atMostId }) {
    const events = pageThrough((page) => listAuditEvents({ ...filter, page, pageSize: PAGE_SIZE }, { atMostId }));
    for await (const e of events) {
      yield {
        at: e.at,
        actor: e.actor,
        role: e.roles.join(" "),
        action: e.action,
        target: e.target,
        summary: e.summary,
      };
    }
  },
});

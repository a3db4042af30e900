/** The changes the audit log records, by the name its filter and CSV show. */
export const AUDIT_ACTIONS = [
  "chargeback-config.save",
  "chargeback-config.reset",
  "stale-policy.save",
  "stale-policy.reset",
  "billing.import",
  "in-use.import",
  "sync.request",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

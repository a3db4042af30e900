import { formatMoney } from "@/lib/costs/money";
import { findingFilterSchema, listFindings } from "@/lib/findings/server/list-findings";
import { defineReport } from "../reports/define-report";

export const findingsReport = defineReport({
  name: "findings",
  description:
    "Registry findings (security, SKU fit, idle, retention, replicas, moved production-like tags) with evidence and the monthly saving where there is one",
  columns: ["registry", "finding", "severity", "evidence", "monthly_saving", "currency"],
  numericColumns: ["monthly_saving"],
  options: findingFilterSchema,
  optionDescriptions: {
    severity: "only findings of this severity: high, medium, low or info",
    registry: "only findings of this registry (by name)",
  },
  async *rows(filter) {
    const findings = await listFindings(filter);
    for (const f of findings.rows) {
      yield {
        registry: f.registry,
        finding: f.title,
        severity: f.severity,
        evidence: f.evidence,
        monthly_saving: f.monthlySavingMicros === null ? null : formatMoney(BigInt(f.monthlySavingMicros), 6),
        currency: findings.currency,
      };
    }
  },
});

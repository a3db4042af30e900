/** Every report the app serves at /api/reports/NAME.csv (?format=... for other formats) and `npm run report -- NAME`. */
import { LedgerError } from "@/lib/errors";
import type { Report } from "./define-report";
import { auditReport } from "../audit/audit-report";
import { budgetsReport } from "../budgets/budgets-report";
import { chargebackReport } from "../chargeback/chargeback-report";
import { cleanupPlanReport } from "../stale/cleanup-plan-report";
import { costsReport } from "../costs/costs-report";
import { findingsReport } from "../findings/findings-report";
import { forecastReport } from "../forecast/forecast-report";
import { imageSizeTrendsReport } from "../image-size/image-size-trends-report";
import { registriesReport } from "../storage/registries-report";
import { replicationsReport } from "../costs/replications-report";
import { repositoriesReport } from "../storage/repositories-report";
import { tagHistoryReport } from "../storage-history/tag-history-report";

const REPORTS: readonly Report[] = [
  registriesReport,
  repositoriesReport,
  costsReport,
  replicationsReport,
  findingsReport,
  cleanupPlanReport,
  chargebackReport,
  forecastReport,
  budgetsReport,
  imageSizeTrendsReport,
  tagHistoryReport,
  auditReport,
];

export function listReports(): readonly Report[] {
  return REPORTS;
}

export function getReport(name: string): Report {
  const report = REPORTS.find((r) => r.name === name);
  if (!report) {
    throw new LedgerError("not_found", `Unknown report "${name}"; available: ${REPORTS.map((r) => r.name).join(", ")}`);
  }
  return report;
}

/** Every report the app serves at /api/reports/NAME.csv (?format=... for other formats) and `npm run report -- NAME`. */
import { LedgerError } from "@/lib/errors";
import type { Report } from "./define-report";
import { chargebackReport } from "./chargeback-report";
import { cleanupPlanReport } from "./cleanup-plan-report";
import { costsReport } from "./costs-report";
import { findingsReport } from "./findings-report";
import { imageSizeTrendsReport } from "./image-size-trends-report";
import { registriesReport } from "./registries-report";
import { replicationsReport } from "./replications-report";
import { repositoriesReport } from "./repositories-report";
import { tagHistoryReport } from "./tag-history-report";

const REPORTS: readonly Report[] = [
  registriesReport,
  repositoriesReport,
  costsReport,
  replicationsReport,
  findingsReport,
  cleanupPlanReport,
  chargebackReport,
  imageSizeTrendsReport,
  tagHistoryReport,
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

import type { RawReportOptions, Report, ReportOutput } from "./define-report";

/**
 * The bytes of a report, shared by the HTTP route and the CLI so both print the same file.
 * Options are validated here, synchronously, so a bad one fails before the first byte.
 */
export function renderReport(report: Report, raw: RawReportOptions): ReportOutput {
  return report.render(raw);
}

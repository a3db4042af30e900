import type { Access } from "@/lib/auth/access";
import type { RawReportOptions, Report, ReportOutput } from "./define-report";

/**
 * The bytes of a report, shared by the HTTP route and the CLI so both print the same file.
 * Options are validated here and the report's prepare step is awaited, so a bad
 * option or a stored setting that no longer validates fails before the first byte. `access` is
 * the caller's: the CLI has full access, the route the signed-in identity's.
 */
export function renderReport(report: Report, raw: RawReportOptions, access: Access): Promise<ReportOutput> {
  return report.render(raw, access);
}

/**
 * A report that needs more than reading (the audit log needs "read-audit"): the reports route
 * checks it with the caller's roles after its own read check, which already cut team members'
 * reads to their teams.
 */
import type { Identity } from "@/lib/auth/identity";
import { decide } from "@/lib/auth/access";
import { LedgerError } from "@/lib/errors";
import type { Report } from "./define-report";

export function requireReportNeed(report: Report, identity: Identity): void {
  if (report.need.action === "read") return;
  // Roles alone grant anything beyond reading: team membership only ever cuts reads.
  const decision = decide(identity, report.need, []);
  if (!decision.ok) throw new LedgerError("forbidden", `report ${report.name}: ${decision.reason}`);
}

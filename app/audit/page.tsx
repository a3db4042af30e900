import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditEventsTable } from "@/components/audit/audit-events-table";
import { AuditFiltersForm } from "@/components/audit/audit-filters-form";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonRows } from "@/components/ui/skeleton";
import { auditFilterSchema } from "@/lib/audit/audit-filters";
import { authorizePage } from "@/lib/auth/server/authorize-page";
import { firstValues, pageSchema, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  await authorizePage({ action: "read-audit" });
  const { page, ...query } = firstValues(await searchParams);
  const parsed = parseQuery(() => parseInput(auditFilterSchema, query));
  if (!parsed.ok) return <QueryProblem title="Audit log" problem={parsed.problem} />;
  const filter = parsed.value;
  const pageNumber = pageSchema.catch(1).parse(page);
  return (
    <>
      <div className="page-header">
        <h1>Audit log</h1>
        <span className="muted">
          Every change to the teams and rules, the stale policy, billed amounts, in-use images and sync requests: who,
          when, from which mode, and what it replaced
        </span>
      </div>
      <AuditFiltersForm filter={filter} />
      <Suspense key={JSON.stringify({ filter, pageNumber })} fallback={<SkeletonRows rows={15} />}>
        <AuditEventsTable filter={filter} page={pageNumber} />
      </Suspense>
    </>
  );
}

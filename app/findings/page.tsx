import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertsTable } from "@/components/findings/alerts-table";
import { FindingsFilters } from "@/components/findings/findings-filters";
import { FindingsTable } from "@/components/findings/findings-table";
import { QueryProblem } from "@/components/ui/query-problem";
import { Panel } from "@/components/ui/panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { findingFilterSchema } from "@/lib/findings/server/list-findings";
import { firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  await authorizePage({ action: "read" });
  const query = firstValues(await searchParams);
  // An empty select ("All") arrives as severity=; it means no filter.
  const parsed = parseQuery(() =>
    parseInput(findingFilterSchema, { severity: query.severity || undefined, registry: query.registry }),
  );
  if (!parsed.ok) return <QueryProblem title="Findings" problem={parsed.problem} />;
  const filter = parsed.value;
  return (
    <>
      <div className="page-header">
        <h1>Findings</h1>
        <span className="muted">
          security settings, SKU fit, idle registries, retention, replicas and moved production-like tags, with evidence
          and savings
        </span>
      </div>
      <Suspense fallback={<div className="filters skeleton skeleton-row" />}>
        <FindingsFilters filter={filter} />
      </Suspense>
      <Suspense key={JSON.stringify(filter)} fallback={<SkeletonRows rows={10} />}>
        <FindingsTable filter={filter} />
      </Suspense>
      <Panel title="Alerts" testId="alerts-panel">
        <Suspense fallback={<SkeletonRows rows={3} />}>
          <AlertsTable />
        </Suspense>
      </Panel>
    </>
  );
}

import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { AsOfPicker } from "@/components/stale/as-of-picker";
import { InUseImportsTable } from "@/components/in-use/in-use-imports-table";
import { StaleItemsFilters } from "@/components/stale/stale-items-filters";
import { StaleItemsTable } from "@/components/stale/stale-items-table";
import { StalePolicyInvalid } from "@/components/stale/stale-policy-invalid";
import { StalePolicyNote } from "@/components/stale/stale-policy-note";
import { StaleRegistriesTable } from "@/components/stale/stale-registries-table";
import { StaleRepositoriesTable } from "@/components/stale/stale-repositories-table";
import { StaleTeamsTable } from "@/components/stale/stale-teams-table";
import { StaleTotals } from "@/components/stale/stale-totals";
import type { StaleUrlState } from "@/components/stale/stale-urls";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonPanel, SkeletonStats } from "@/components/ui/skeleton";
import { currentUtcDay } from "@/lib/calendar";
import { daySchema } from "@/lib/validation";
import { listInUseImports } from "@/lib/in-use/server/list-in-use-imports";
import { planFilterSchema, summarizeCleanupPlan } from "@/lib/stale/server/summarize-cleanup-plan";
import { firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { getPolicyInEffect } from "@/lib/stale/server/resolve-policy";

export const metadata: Metadata = { title: "Stale tags" };

export default async function StalePage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => ({
    asOf: parseInput(daySchema.optional(), query["as-of"] || undefined) ?? currentUtcDay(),
    // Empty selects ("All") arrive as registry=, action= and reason=; they mean no filter.
    filter: parseInput(planFilterSchema, {
      registry: query.registry,
      repository: query.repository,
      action: query.action || undefined,
      reason: query.reason || undefined,
      page: query.page,
      repositoryPage: query["repo-page"],
    }),
  }));
  if (!parsed.ok) return <QueryProblem title="Stale tags" problem={parsed.problem} />;
  const { asOf, filter } = parsed.value;
  const state: StaleUrlState = { asOf, ...filter };
  // The policy the CSV and script links carry too: one resolution per request.
  const inEffect = await getPolicyInEffect();
  const header = (
    <div className="page-header">
      <h1>Stale tags</h1>
      <span className="muted" data-testid="stale-as-of" data-as-of={asOf}>
        the cleanup plan as of the end of {asOf} (UTC): what goes, what stays and why, and what it frees
      </span>
    </div>
  );
  if (!inEffect.valid) {
    return (
      <>
        {header}
        <StalePolicyInvalid issues={inEffect.issues} />
      </>
    );
  }
  const { policy } = inEffect;
  // One summary per request (kept plans' digests and one page of items), awaited by each panel behind its own boundary.
  const summary = summarizeCleanupPlan({ policy, asOf: planAsOf(asOf), filter, access });
  const planKey = `plan-${asOf}`;
  const filterKey = JSON.stringify(state);
  return (
    <>
      {header}
      <AsOfPicker asOf={asOf} />
      <StalePolicyNote
        policy={policy}
        asOf={asOf}
        filter={{
          registry: filter.registry,
          repository: filter.repository,
          action: filter.action,
          reason: filter.reason,
        }}
      />
      <Suspense key={`totals-${planKey}`} fallback={<SkeletonStats count={8} />}>
        <StaleTotals summary={summary} />
      </Suspense>
      <Suspense key={`registries-${planKey}`} fallback={<SkeletonPanel title="By registry" rows={6} />}>
        <StaleRegistriesTable summary={summary} />
      </Suspense>
      <Suspense key={`teams-${planKey}`} fallback={<SkeletonPanel title="By team" rows={4} />}>
        <StaleTeamsTable summary={summary} />
      </Suspense>
      <Suspense fallback={<div className="filters skeleton skeleton-row" />}>
        <StaleItemsFilters state={state} access={access} />
      </Suspense>
      <Suspense key={`repositories-${filterKey}`} fallback={<SkeletonPanel title="By repository" rows={8} />}>
        <StaleRepositoriesTable summary={summary} state={state} />
      </Suspense>
      <Suspense key={`items-${filterKey}`} fallback={<SkeletonPanel title="Items" rows={12} />}>
        <StaleItemsTable summary={summary} state={state} />
      </Suspense>
      {/* The in-use imports name the estate's clusters: not one team's. */}
      {access.kind === "all" ? (
        <Suspense fallback={<SkeletonPanel title="In-use images" rows={4} />}>
          <InUseImportsTable imports={listInUseImports()} />
        </Suspense>
      ) : null}
    </>
  );
}

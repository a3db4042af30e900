import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { RegistryTrendsPanels } from "@/components/storage-history/registry-trends-panels";
import { RepositoryTrendsPanel } from "@/components/storage-history/repository-trends-panel";
import { TrendsFilters } from "@/components/storage-history/trends-filters";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonPanel } from "@/components/ui/skeleton";
import { trendsPageSchema } from "@/lib/storage-history/trends-page-params";
import { firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Trends" };

export default async function TrendsPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() =>
    parseInput(trendsPageSchema, {
      range: query.range || undefined,
      registry: query.registry,
      repository: query.repository,
      search: query.search,
    }),
  );
  if (!parsed.ok) return <QueryProblem title="Trends" problem={parsed.problem} />;
  const params = parsed.value;
  return (
    <>
      <div className="page-header">
        <h1>Trends</h1>
        <span className="muted">
          storage (attributed bytes), tags and manifests over time, from the daily snapshots every sync writes
        </span>
      </div>
      <Suspense fallback={<div className="filters skeleton skeleton-row" />}>
        <TrendsFilters params={params} access={access} />
      </Suspense>
      {/* The registry series are the estate's: a team member sees its repositories' only. */}
      {access.kind === "all" ? (
        <Suspense
          key={`r${params.range}${params.registry}`}
          fallback={<SkeletonPanel title="Attributed storage by registry" />}
        >
          <RegistryTrendsPanels params={params} />
        </Suspense>
      ) : null}
      <Suspense key={`p${params.range}${params.repository}`} fallback={<SkeletonPanel title="Repository" />}>
        <RepositoryTrendsPanel params={params} access={access} />
      </Suspense>
    </>
  );
}

import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { RepositoriesFilters } from "@/components/storage/repositories-filters";
import { RepositoriesTable } from "@/components/storage/repositories-table";
import type { RepositoriesUrlState } from "@/components/storage/repository-urls";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonRows } from "@/components/ui/skeleton";
import { listRepositoriesParamsSchema } from "@/lib/storage/server/list-repositories";
import { firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Repositories" };

export default async function RepositoriesPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => parseInput(listRepositoriesParamsSchema, query));
  if (!parsed.ok) return <QueryProblem title="Repositories" problem={parsed.problem} />;
  const params = parsed.value;
  const state: RepositoriesUrlState = {
    search: params.search,
    registry: params.registry,
    sort: params.sort,
    dir: params.dir,
    page: params.page,
  };
  return (
    <>
      <div className="page-header">
        <h1>Repositories</h1>
        <span className="muted">
          Logical: sum of manifest sizes · Unique: blobs no other repository references · Attributed: each blob split
          evenly among the repositories that reference it
        </span>
      </div>
      <Suspense fallback={<div className="filters skeleton skeleton-row" />}>
        <RepositoriesFilters state={state} access={access} />
      </Suspense>
      <Suspense key={JSON.stringify(state)} fallback={<SkeletonRows rows={15} />}>
        <RepositoriesTable state={state} access={access} />
      </Suspense>
    </>
  );
}

import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { RegistriesTable } from "@/components/storage/registries-table";
import { registriesCsvHref } from "@/components/storage/registry-urls";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonRows } from "@/components/ui/skeleton";
import { listRegistriesParamsSchema } from "@/lib/storage/server/list-registries";
import { firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Registries" };

export default async function RegistriesPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  await authorizePage({ action: "read" });
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => parseInput(listRegistriesParamsSchema, query));
  if (!parsed.ok) return <QueryProblem title="Registries" problem={parsed.problem} />;
  const params = parsed.value;
  return (
    <>
      <div className="page-header">
        <h1>Registries</h1>
        <a className="button secondary" href={registriesCsvHref(params)} download data-testid="download-registries-csv">
          Download CSV
        </a>
      </div>
      <form className="filters" method="get" action="/registries">
        <label>
          <span>Search</span>
          <input type="search" name="search" defaultValue={params.search ?? ""} placeholder="registry name contains…" />
        </label>
        <button type="submit">Apply</button>
      </form>
      <Suspense key={JSON.stringify(params)} fallback={<SkeletonRows rows={10} />}>
        <RegistriesTable params={params} />
      </Suspense>
    </>
  );
}

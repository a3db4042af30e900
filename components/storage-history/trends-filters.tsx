import type { Access } from "@/lib/auth/access";
import { SelectField } from "@/components/ui/select-field";
import { TREND_RANGES } from "@/lib/storage-history/series";
import { listTrendRepositories } from "@/lib/storage-history/server/list-trend-repositories";
import type { TrendsPageParams } from "@/lib/storage-history/trends-page-params";
import { listRegistryNames } from "@/lib/storage/server/list-registry-names";

const RANGE_OPTIONS = Object.keys(TREND_RANGES).map((r) => ({
  value: r,
  label: r === "1y" ? "1 year" : `${r.slice(0, -1)} days`,
}));

/** A plain GET form: range, registry, and a repository picked from a list narrowed by a search. */
export async function TrendsFilters({ params, access }: { params: TrendsPageParams; access: Access }) {
  // A team member picks among its repositories; the registry series are the estate's and not offered.
  const [registries, repositories] = await Promise.all([
    access.kind === "all" ? listRegistryNames(access) : [],
    listTrendRepositories(access, params.search),
  ]);
  const options = repositories.map((r) => ({
    value: `${r.registry}/${r.repository}`,
    label: `${r.registry} / ${r.repository}`,
  }));
  return (
    <form className="filters" method="get" action="/trends" data-testid="trends-filters">
      <SelectField label="Range" name="range" value={params.range} options={RANGE_OPTIONS} testId="trends-range" />
      <SelectField
        label="Registry"
        name="registry"
        value={params.registry}
        options={registries}
        empty="All registries"
        testId="trends-registry"
      />
      <label>
        <span>Find repository</span>
        <input
          type="search"
          name="search"
          defaultValue={params.search ?? ""}
          placeholder="name contains…"
          data-testid="trends-search"
        />
      </label>
      <SelectField
        label="Repository"
        name="repository"
        value={params.repository}
        options={options}
        empty="None"
        testId="trends-repository-select"
      />
      <button type="submit" data-testid="trends-apply">
        Show
      </button>
    </form>
  );
}

import type { Access } from "@/lib/auth/access";
import { listRegistryNames } from "@/lib/storage/server/list-registry-names";
import { SelectField } from "@/components/ui/select-field";
import { repositoriesCsvHref, type RepositoriesUrlState } from "./repository-urls";

/** A plain GET form: filters land in the URL and work without JavaScript. */
export async function RepositoriesFilters({ state, access }: { state: RepositoriesUrlState; access: Access }) {
  const registries = await listRegistryNames(access);
  return (
    <form className="filters" method="get" action="/repositories" data-testid="repositories-filters">
      <input type="hidden" name="sort" value={state.sort} />
      <input type="hidden" name="dir" value={state.dir} />
      <label>
        <span>Search</span>
        <input
          type="search"
          name="search"
          defaultValue={state.search ?? ""}
          placeholder="repository name contains…"
          data-testid="repositories-search"
        />
      </label>
      <SelectField
        label="Registry"
        name="registry"
        value={state.registry}
        options={registries}
        empty="All registries"
        testId="repositories-registry"
      />
      <button type="submit" data-testid="repositories-apply">
        Apply
      </button>
      <a className="button secondary" href={repositoriesCsvHref(state)} download data-testid="download-csv">
        Download CSV
      </a>
    </form>
  );
}

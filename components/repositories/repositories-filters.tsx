import { listRegistryNames } from "@/lib/queries/list-registry-names";
import { repositoriesCsvHref, type RepositoriesUrlState } from "./repository-urls";

/** A plain GET form: filters land in the URL and work without JavaScript. */
export async function RepositoriesFilters({ state }: { state: RepositoriesUrlState }) {
  const registries = await listRegistryNames();
  return (
    <form className="filters" method="get" action="/repositories" data-testid="repositories-filters">
      <input type="hidden" name="sort" value={state.sort} />
      <input type="hidden" name="dir" value={state.dir} />
      <label>
        <span>Search</span>
        <input type="search" name="search" defaultValue={state.search ?? ""} placeholder="repository name contains…" data-testid="repositories-search" />
      </label>
      <label>
        <span>Registry</span>
        <select name="registry" defaultValue={state.registry ?? ""} data-testid="repositories-registry">
          <option value="">All registries</option>
          {registries.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="repositories-apply">Apply</button>
      <a className="button secondary" href={repositoriesCsvHref(state)} download data-testid="download-csv">
        Download CSV
      </a>
    </form>
  );
}

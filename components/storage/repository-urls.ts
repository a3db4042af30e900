import type { RepositorySortKey, SortDirection } from "@/lib/storage/server/list-repositories";

export type RepositoriesUrlState = {
  search?: string;
  registry?: string;
  sort: RepositorySortKey;
  dir: SortDirection;
  page: number;
};

function filterQuery(state: { search?: string; registry?: string }): URLSearchParams {
  const query = new URLSearchParams();
  if (state.registry) query.set("registry", state.registry);
  if (state.search) query.set("search", state.search);
  return query;
}

export function repositoriesHref(state: RepositoriesUrlState): string {
  const query = filterQuery(state);
  query.set("sort", state.sort);
  query.set("dir", state.dir);
  if (state.page > 1) query.set("page", String(state.page));
  return `/repositories?${query.toString()}`;
}

/** The CSV of exactly the rows the table filters to (all pages), in the report's stable order. */
export function repositoriesCsvHref(state: { search?: string; registry?: string }): string {
  const text = filterQuery(state).toString();
  return text ? `/api/reports/repositories.csv?${text}` : "/api/reports/repositories.csv";
}

export function registryRepositoriesHref(registry: string): string {
  return repositoriesHref({ registry, sort: "name", dir: "asc", page: 1 });
}

/** A repository's page; each path segment of the name encoded on its own (team/app → /team/app). */
export function repositoryHref(registry: string, repository: string): string {
  return `/registries/${encodeURIComponent(registry)}/repositories/${repository.split("/").map(encodeURIComponent).join("/")}`;
}

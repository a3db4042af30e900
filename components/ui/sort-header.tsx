import Link from "next/link";
import type { RepositorySortKey } from "@/lib/storage/server/list-repositories";
import { repositoriesHref, type RepositoriesUrlState } from "../storage/repository-urls";

const TEXT_KEYS: readonly RepositorySortKey[] = ["registry", "name"];

/** A column header that sorts by its column: names start ascending, measures descending; a second click flips. */
export function SortHeader({
  column,
  label,
  state,
  numeric = false,
}: {
  column: RepositorySortKey;
  label: string;
  state: RepositoriesUrlState;
  numeric?: boolean;
}) {
  const active = state.sort === column;
  const firstDir = TEXT_KEYS.includes(column) ? "asc" : "desc";
  const dir = active ? (state.dir === "asc" ? "desc" : "asc") : firstDir;
  const ariaSort = active ? (state.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" className={numeric ? "right" : undefined} aria-sort={ariaSort}>
      <Link
        href={repositoriesHref({ ...state, sort: column, dir, page: 1 })}
        data-testid={`sort-${column}`}
        className={active ? "sorted" : undefined}
      >
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (state.dir === "asc" ? " ▲" : " ▼") : ""}
        </span>
      </Link>
    </th>
  );
}

import Link from "next/link";
import type { Access } from "@/lib/auth/access";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/panel";
import { Pagination } from "@/components/ui/pagination";
import { Money } from "@/components/ui/money";
import { registryHref } from "@/components/storage/registry-urls";
import { getPricing } from "@/lib/costs/server/get-pricing";
import { listRepositories } from "@/lib/storage/server/list-repositories";
import { repositoriesHref, repositoryHref, type RepositoriesUrlState } from "./repository-urls";
import { SortHeader } from "../ui/sort-header";

export async function RepositoriesTable({ state, access }: { state: RepositoriesUrlState; access: Access }) {
  const [page, { currency }] = await Promise.all([listRepositories(state, access), getPricing()]);
  if (page.total === 0) return <EmptyState>No repositories match these filters.</EmptyState>;
  return (
    <>
      <div className="table-scroll">
        <table className="table" data-testid="repositories-table">
          <caption className="sr-only">Repositories</caption>
          <thead>
            <tr>
              <SortHeader column="registry" label="Registry" state={state} />
              <SortHeader column="name" label="Repository" state={state} />
              <SortHeader column="manifests" label="Manifests" state={state} numeric />
              <SortHeader column="tags" label="Tags" state={state} numeric />
              <SortHeader column="untagged" label="Untagged" state={state} numeric />
              <SortHeader column="logical" label="Logical" state={state} numeric />
              <SortHeader column="unique" label="Unique" state={state} numeric />
              <SortHeader column="attributed" label="Attributed" state={state} numeric />
              <SortHeader column="updated" label="Last update" state={state} />
              <th
                scope="col"
                className="right"
                title="Storage + replica storage cost of the current month to date, split by attributed bytes"
              >
                Monthly storage cost (MTD)
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} data-testid="repository-row" data-registry={r.registryName} data-repository={r.name}>
                <td>
                  <Link href={registryHref(r.registryName)}>{r.registryName}</Link>
                </td>
                <td className="strong">
                  <Link href={repositoryHref(r.registryName, r.name)} data-testid="repository-link">
                    {r.name}
                  </Link>
                </td>
                <td className="right">
                  <Count value={r.manifestCount} />
                </td>
                <td className="right">
                  <Count value={r.tagCount} />
                </td>
                <td className="right">
                  <Count value={r.untaggedManifestCount} />
                </td>
                <td className="right">
                  <Bytes value={r.logicalBytes} testId="cell-logical" />
                </td>
                <td className="right">
                  <Bytes value={r.uniqueBytes} testId="cell-unique" />
                </td>
                <td className="right">
                  <Bytes value={r.attributedBytes} testId="cell-attributed" />
                </td>
                <td>
                  <DateTime iso={r.lastUpdatedAt} />
                </td>
                <td className="right">
                  {r.monthlyStorageCostMicros === null ? (
                    <span className="muted" data-testid="cell-storage-cost">
                      —
                    </span>
                  ) : (
                    <Money micros={r.monthlyStorageCostMicros} currency={currency} testId="cell-storage-cost" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        total={page.total}
        hrefFor={(p) => repositoriesHref({ ...state, page: p })}
      />
    </>
  );
}

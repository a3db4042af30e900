import Link from "next/link";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/panel";
import { Pagination } from "@/components/ui/pagination";
import { listRegistries, type ListRegistriesParams } from "@/lib/storage/server/list-registries";
import { registryHref, registriesHref } from "./registry-urls";

export async function RegistriesTable({ params }: { params: ListRegistriesParams }) {
  const page = await listRegistries(params);
  if (page.total === 0) return <EmptyState>No registries match. Run a sync, or clear the search.</EmptyState>;
  return (
    <>
      <div className="table-scroll">
        <table className="table" data-testid="registries-table">
          <caption className="sr-only">Registries</caption>
          <thead>
            <tr>
              <th scope="col">Registry</th>
              <th scope="col">Resource group</th>
              <th scope="col">Location</th>
              <th scope="col">SKU</th>
              <th scope="col" className="right">
                Replicas
              </th>
              <th scope="col" className="right">
                Repositories
              </th>
              <th scope="col" className="right">
                Manifests
              </th>
              <th scope="col" className="right">
                Tags
              </th>
              <th scope="col" className="right">
                Logical
              </th>
              <th scope="col" className="right">
                Stored
              </th>
              <th scope="col" className="right">
                Reported usage
              </th>
              <th scope="col">Last synced</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} data-testid="registry-row" data-registry={r.name}>
                <td>
                  <Link href={registryHref(r.name)} data-testid="registry-link">
                    {r.name}
                  </Link>
                  <div className="muted small">{r.loginServer}</div>
                </td>
                <td>{r.resourceGroup}</td>
                <td>{r.location}</td>
                <td>{r.skuName}</td>
                <td className="right">
                  <Count value={r.replicaCount} />
                </td>
                <td className="right">
                  <Count value={r.repositoryCount} />
                </td>
                <td className="right">
                  <Count value={r.manifestCount} />
                </td>
                <td className="right">
                  <Count value={r.tagCount} />
                </td>
                <td className="right">
                  <Bytes value={r.logicalBytes} />
                </td>
                <td className="right">
                  <Bytes value={r.storedBytes} />
                </td>
                <td className="right">
                  <Bytes value={r.reportedUsageBytes} />
                </td>
                <td>
                  <DateTime iso={r.lastSyncedAt} />
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
        hrefFor={(p) => registriesHref({ ...params, page: p })}
      />
    </>
  );
}

import Link from "next/link";
import { repositoriesHref } from "@/components/storage/repository-urls";
import { Money } from "@/components/ui/money";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { TeamDetail } from "@/lib/chargeback/server/get-team-detail";

/** Every repository the rules give the team: its attributed bytes and its share of storage cost this month. */
export function TeamRepositoriesTable({ detail }: { detail: TeamDetail }) {
  return (
    <Panel title={`Repositories (${detail.repositories.length})`} testId="team-repositories">
      {detail.repositories.length === 0 ? (
        <EmptyState>No repository is owned by {detail.team}: check the rules on the Teams page.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table compact" data-testid="team-repositories-table">
            <caption className="sr-only">Repositories of {detail.team}</caption>
            <thead>
              <tr>
                <th scope="col">Repository</th>
                <th scope="col">Registry</th>
                <th scope="col" className="right" title="On the last day covered">
                  Attributed bytes
                </th>
                <th
                  scope="col"
                  className="right"
                  title="Its share of storage and replica storage, split by attributed bytes day by day (estimate)"
                >
                  Storage cost {detail.month}
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.repositories.map((r) => (
                <tr
                  key={`${r.registry}/${r.repository}`}
                  data-testid="team-repository-row"
                  data-registry={r.registry}
                  data-repository={r.repository}
                >
                  <td>
                    <Link
                      href={repositoriesHref({
                        registry: r.registry,
                        search: r.repository,
                        sort: "name",
                        dir: "asc",
                        page: 1,
                      })}
                    >
                      {r.repository}
                    </Link>
                  </td>
                  <td>{r.registry}</td>
                  <td className="right">
                    <Bytes value={r.attributedBytes} />
                  </td>
                  <td className="right">
                    <Money micros={r.storageMicros} currency={detail.currency} testId="team-repository-cost" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

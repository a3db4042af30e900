import Link from "next/link";
import { Money } from "@/components/ui/money";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { registryHref } from "@/components/storage/registry-urls";
import { listReplicaCosts } from "@/lib/costs/server/list-replica-costs";
import { replicationsCsvHref, whatIfHref } from "./replication-urls";

/** Each replicated registry with what each replica costs per month. */
export async function ReplicaCostsPanel({ month }: { month: string }) {
  const costs = await listReplicaCosts({ month });
  const csv = (
    <a className="button secondary" href={replicationsCsvHref(month)} download data-testid="download-replications-csv">
      Download CSV
    </a>
  );
  return (
    <Panel title="Replica cost per month" actions={csv} testId="replica-costs">
      {costs.registries.length === 0 ? (
        <EmptyState>No registry has a geo-replica outside its home region.</EmptyState>
      ) : (
        <table className="table compact" data-testid="replica-costs-table">
          <caption className="sr-only">Monthly cost of each replica</caption>
          <thead>
            <tr>
              <th scope="col">Registry</th>
              <th scope="col">Replica</th>
              <th scope="col">Status</th>
              <th scope="col">Zone redundancy</th>
              <th scope="col" className="right">
                Replication unit
              </th>
              <th scope="col" className="right">
                Replica storage
              </th>
              <th scope="col" className="right">
                Monthly
              </th>
              <th scope="col">
                <span className="sr-only">What-if</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {costs.registries.flatMap((r) =>
              r.replicas.map((replica, i) => (
                <tr
                  key={`${r.name}/${replica.location}`}
                  data-testid="replica-row"
                  data-registry={r.name}
                  data-location={replica.location}
                >
                  <td>
                    {i === 0 ? (
                      <>
                        <Link href={registryHref(r.name)}>{r.name}</Link>{" "}
                        <span className="muted small">
                          {r.sku} · {r.location} · <Bytes value={r.storedBytes} />
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{replica.location}</td>
                  <td>
                    <StatusBadge status={replica.status} />
                  </td>
                  <td>{replica.zoneRedundancy ?? "—"}</td>
                  <td className="right">
                    <Money micros={replica.unitMicros} currency={costs.currency} />
                  </td>
                  <td className="right">
                    <Money micros={replica.storageMicros} currency={costs.currency} />
                  </td>
                  <td className="right strong">
                    <Money micros={replica.totalMicros} currency={costs.currency} testId="replica-monthly-cost" />
                  </td>
                  <td>
                    {i === 0 ? (
                      <Link href={whatIfHref(r.name, month)} data-testid="what-if-link">
                        what-if
                      </Link>
                    ) : null}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <p className="muted small">
        Full month of {month} at each registry&apos;s current stored bytes and replicas, home-region prices.{" "}
        {costs.replicaStorage === "full-copy"
          ? "Each replica is assumed to hold a full copy of the data above Premium's included storage"
          : "Replicas are assumed to hold nothing billable"}{" "}
        (pricing file <code>replicaStorage</code>).
      </p>
    </Panel>
  );
}

import { EmptyState, Panel } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import type { RegistryDetail } from "@/lib/storage/server/get-registry-detail";

type Detail = NonNullable<RegistryDetail>;

export function RegistryReplicas({ detail }: { detail: Detail }) {
  return (
    <Panel title={`Replicas (${detail.replicaCount})`} testId="registry-replicas">
      {detail.replications.length === 0 ? (
        <EmptyState>No geo-replications.</EmptyState>
      ) : (
        <table className="table compact">
          <caption className="sr-only">Replicas of the registry</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Location</th>
              <th scope="col">Status</th>
              <th scope="col">Regional endpoint</th>
              <th scope="col">Zone redundancy</th>
            </tr>
          </thead>
          <tbody>
            {detail.replications.map((r) => (
              <tr key={r.name}>
                <td>
                  {r.name} {r.isHome ? <span className="muted small">(home region)</span> : null}
                </td>
                <td>{r.location}</td>
                <td>
                  <StatusBadge status={r.status ?? r.provisioningState} />
                </td>
                <td>{r.regionEndpointEnabled ? "enabled" : "disabled"}</td>
                <td>{r.zoneRedundancy ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

export function RegistryWebhooks({ detail }: { detail: Detail }) {
  return (
    <Panel title={`Webhooks (${detail.webhooks.length})`} testId="registry-webhooks">
      {detail.webhooks.length === 0 ? (
        <EmptyState>No webhooks.</EmptyState>
      ) : (
        <table className="table compact">
          <caption className="sr-only">Webhooks of the registry</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
              <th scope="col">Scope</th>
            </tr>
          </thead>
          <tbody>
            {detail.webhooks.map((w) => (
              <tr key={w.name}>
                <td>{w.name}</td>
                <td>
                  <StatusBadge status={w.status} />
                </td>
                <td>{w.actions.join(", ") || "—"}</td>
                <td>{w.scope || <span className="muted">all repositories</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

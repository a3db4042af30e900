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
          <thead>
            <tr>
              <th>Name</th>
              <th>Location</th>
              <th>Status</th>
              <th>Regional endpoint</th>
              <th>Zone redundancy</th>
            </tr>
          </thead>
          <tbody>
            {detail.replications.map((r) => (
              <tr key={r.name}>
                <td>
                  {r.name} {r.isHome ? <span className="muted small">(home region)</span> : null}
                </td>
                <td>{r.location}</td>
                <td><StatusBadge status={r.status ?? r.provisioningState} /></td>
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
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Actions</th>
              <th>Scope</th>
            </tr>
          </thead>
          <tbody>
            {detail.webhooks.map((w) => (
              <tr key={w.name}>
                <td>{w.name}</td>
                <td><StatusBadge status={w.status} /></td>
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

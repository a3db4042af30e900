import { EmptyState } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SyncRunStatus } from "@/lib/sync/get-sync-status";

/** Per-registry outcome of a run: which registries failed and why; the others kept their data. */
export function SyncErrors({ run }: { run: SyncRunStatus | null }) {
  if (!run) return <EmptyState>No finished sync yet.</EmptyState>;
  const failed = run.registryResults.filter((r) => r.status !== "succeeded");
  const runLevel = run.errors.filter((e) => !failed.some((r) => r.registryName === e.registry));
  if (failed.length === 0 && runLevel.length === 0) {
    return <EmptyState>Run #{run.id}: every registry synced without errors.</EmptyState>;
  }
  return (
    <table className="table compact" data-testid="sync-errors">
      <caption className="sr-only">Registries that failed in the last sync</caption>
      <thead>
        <tr>
          <th scope="col">Registry</th>
          <th scope="col">Status</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {failed.map((r) => (
          <tr key={r.registryName} data-testid="sync-error-row">
            <td>{r.registryName}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td className="message">{r.error ?? "—"}</td>
          </tr>
        ))}
        {runLevel.map((e, i) => (
          <tr key={`run-${i}`} data-testid="sync-error-row">
            <td>{e.registry ?? <span className="muted">(whole run)</span>}</td>
            <td>
              <StatusBadge status="failed" />
            </td>
            <td className="message">{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

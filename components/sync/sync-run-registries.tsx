import { formatCount } from "@/lib/format";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SyncRunStatus } from "@/lib/sync/get-sync-status";

/**
 * The running sync's registries: each one done so far with its outcome (whichever worker ran it),
 * and how many are still queued or being synced.
 */
export function SyncRunRegistries({ run }: { run: SyncRunStatus }) {
  const done = run.registryResults;
  const left = Math.max(0, (run.progress.registriesTotal ?? 0) - done.length);
  if (done.length === 0 && left === 0) return null;
  return (
    <table className="table compact" data-testid="sync-run-registries">
      <caption className="sr-only">Registries of the running sync</caption>
      <thead>
        <tr>
          <th scope="col">Registry</th>
          <th scope="col">Status</th>
          <th scope="col">Repositories</th>
        </tr>
      </thead>
      <tbody>
        {done.map((r) => (
          <tr key={r.registryName} data-testid="sync-run-registry">
            <td>{r.registryName}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td>{formatCount(r.repositories)}</td>
          </tr>
        ))}
        {left > 0 ? (
          <tr>
            <td colSpan={3} className="muted" data-testid="sync-run-registries-left">
              {formatCount(left)} queued or being synced
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

import { Count } from "@/components/ui/count";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/panel";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration } from "@/lib/format";
import { listSyncRuns } from "@/lib/sync/list-sync-runs";

export async function SyncRunsTable({ page }: { page: number }) {
  const runs = await listSyncRuns({ page });
  if (runs.total === 0) return <EmptyState>No sync has run yet.</EmptyState>;
  return (
    <>
      <table className="table" data-testid="sync-runs-table">
        <caption className="sr-only">Sync runs</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Trigger</th>
            <th scope="col">Started</th>
            <th scope="col" className="right">
              Duration
            </th>
            <th scope="col" className="right">
              Registries
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
              Requests
            </th>
            <th scope="col" className="right">
              Errors
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.rows.map((run) => (
            <tr key={run.id} data-testid="sync-run-row" data-status={run.status}>
              <td>#{run.id}</td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td>{run.trigger}</td>
              <td>
                <DateTime iso={run.startedAt} />
              </td>
              <td className="right">{formatDuration(run.durationMs)}</td>
              <td className="right">
                <Count value={run.registries} />
              </td>
              <td className="right">
                <Count value={run.repositories} />
              </td>
              <td className="right">
                <Count value={run.manifests} />
              </td>
              <td className="right">
                <Count value={run.tags} />
              </td>
              <td className="right" data-testid="sync-run-requests">
                <Count value={run.requests} />
                {run.throttled > 0 ? (
                  <span className="warn-text">
                    {" "}
                    (<Count value={run.throttled} /> throttled)
                  </span>
                ) : null}
              </td>
              <td className={run.errorCount > 0 ? "right warn-text" : "right"}>{run.errorCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination
        page={runs.page}
        pageCount={runs.pageCount}
        total={runs.total}
        hrefFor={(p) => (p > 1 ? `/sync?page=${p}` : "/sync")}
      />
    </>
  );
}

import { DateTime } from "@/components/ui/date-time";
import { EmptyState, Panel } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration } from "@/lib/format";
import type { RegistryDetail } from "@/lib/storage/server/get-registry-detail";

type Detail = NonNullable<RegistryDetail>;

export function RegistryTasks({ detail }: { detail: Detail }) {
  return (
    <div className="grid-2">
      <Panel title={`Tasks (${detail.tasks.length})`} testId="registry-tasks">
        {detail.tasks.length === 0 ? (
          <EmptyState>No ACR tasks.</EmptyState>
        ) : (
          <table className="table compact">
            <caption className="sr-only">Tasks of the registry</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Platform</th>
                <th scope="col" className="right">
                  CPU
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.tasks.map((t) => (
                <tr key={t.name}>
                  <td>{t.name}</td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td>{t.platform || "—"}</td>
                  <td className="right">{t.cpu ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Recent task runs" testId="registry-task-runs">
        {detail.recentRuns.length === 0 ? (
          <EmptyState>No task runs.</EmptyState>
        ) : (
          <table className="table compact">
            <caption className="sr-only">Recent task runs</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Task</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col" className="right">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.recentRuns.map((run) => (
                <tr key={run.runId}>
                  <td>
                    <code>{run.runId}</code>
                  </td>
                  <td>{run.taskName ?? run.runType ?? "—"}</td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>
                    <DateTime iso={run.createdAt} />
                  </td>
                  <td className="right">{formatDuration(run.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

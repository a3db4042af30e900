import { formatCount } from "@/lib/format";
import type { SyncProgress } from "@/lib/sync/sync-run-json";

function Bar({
  label,
  done,
  total,
  testId,
}: {
  label: string;
  done: number | null;
  total: number | null;
  testId: string;
}) {
  if (done === null) return null;
  const ratio = total ? Math.min(1, done / total) : null;
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        {label}: {formatCount(done)}
        {total ? ` / ${formatCount(total)}` : ""}
      </div>
      {ratio === null ? null : (
        <div
          className="progress-track"
          role="progressbar"
          aria-valuenow={Math.round(ratio * 100)}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div className="progress-fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
        </div>
      )}
    </div>
  );
}

export function SyncProgressBars({ progress }: { progress: SyncProgress }) {
  return (
    <div className="stack">
      <div>
        Phase: <strong data-testid="sync-phase">{progress.phase ?? "starting"}</strong>
      </div>
      <Bar
        label="Registries"
        done={progress.registriesDone}
        total={progress.registriesTotal}
        testId="sync-progress-registries"
      />
      <Bar
        label="Repositories"
        done={progress.repositoriesDone}
        total={progress.repositoriesTotal}
        testId="sync-progress-repositories"
      />
      {progress.manifestBodiesFetched === null ? null : (
        <div className="muted">Manifest bodies fetched: {formatCount(progress.manifestBodiesFetched)}</div>
      )}
    </div>
  );
}

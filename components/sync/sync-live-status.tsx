"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { queryKeys } from "@/components/query/query-keys";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SyncStatus } from "@/lib/sync/get-sync-status";
import { fetchSyncStatus } from "./sync-api";
import { SyncProgressBars } from "./sync-progress";
import { SyncRunRegistries } from "./sync-run-registries";

const POLL_RUNNING_MS = 2_000;
const POLL_IDLE_MS = 15_000;

/** Live view of the running sync, seeded by the server's render and polled while it runs. */
export function SyncLiveStatus({ initial }: { initial: SyncStatus }) {
  const router = useRouter();
  const { data, isError } = useQuery({
    queryKey: queryKeys.sync.status(),
    queryFn: fetchSyncStatus,
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.running ? POLL_RUNNING_MS : POLL_IDLE_MS),
  });
  // When a run finishes, the server-rendered history and errors below are stale: re-render them.
  const runningId = data.running?.id ?? null;
  const previous = useRef(runningId);
  useEffect(() => {
    if (previous.current !== null && runningId === null) router.refresh();
    previous.current = runningId;
  }, [runningId, router]);

  const run = data.running;
  return (
    <div data-testid="sync-live" data-running={run ? "true" : "false"}>
      {isError ? <p className="muted">Could not refresh the status; retrying.</p> : null}
      {run ? (
        <div className="stack">
          <div>
            <StatusBadge status={run.status} testId="sync-live-status" /> run #{run.id} ({run.trigger}) started{" "}
            <DateTime iso={run.startedAt} />
          </div>
          <SyncProgressBars progress={run.progress} />
          <SyncRunRegistries run={run} />
          {run.errors.length > 0 ? <p className="warn-text">{run.errors.length} registry error(s) so far.</p> : null}
        </div>
      ) : (
        <p className="muted" data-testid="sync-idle">
          No sync is running.
          {data.latest ? (
            <>
              {" "}
              Last run #{data.latest.id} <StatusBadge status={data.latest.status} /> finished{" "}
              <DateTime iso={data.latest.finishedAt} />.
            </>
          ) : null}
        </p>
      )}
    </div>
  );
}

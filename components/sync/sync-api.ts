import type { SyncStatus } from "@/lib/sync/get-sync-status";

/** Client-side calls to our own sync API; the status shape is the query layer's own type. */
export async function fetchSyncStatus(): Promise<SyncStatus> {
  const response = await fetch("/api/sync/status", { cache: "no-store" });
  if (!response.ok) throw new Error(`Sync status failed: HTTP ${response.status}`);
  return (await response.json()) as SyncStatus;
}

export type SyncRequestResult = { queued: true; jobId: string } | { queued: false; message: string };

export async function postSyncRequest(): Promise<SyncRequestResult> {
  const response = await fetch("/api/sync", { method: "POST" });
  const body = (await response.json()) as { jobId?: string; message?: string };
  if (response.status === 202) return { queued: true, jobId: body.jobId ?? "" };
  if (response.status === 409)
    return { queued: false, message: body.message ?? "A sync is already queued or running." };
  throw new Error(body.message ?? `Sync request failed: HTTP ${response.status}`);
}

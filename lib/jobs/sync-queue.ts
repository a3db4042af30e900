/** Asking for a sync: the web app enqueues a job; a worker (the server process) runs it. */
import { getDatabaseUrl } from "../db";
import { getBoss, SYNC_QUEUE, type SyncJobPayload } from "./boss";

export type SyncRequestResult = { queued: true; jobId: string } | { queued: false; reason: string };

export async function requestSync(payload: SyncJobPayload): Promise<SyncRequestResult> {
  const boss = await getBoss(await getDatabaseUrl(), "producer");
  const jobId = await boss.send(SYNC_QUEUE, payload, { retryLimit: 0 });
  if (jobId) return { queued: true, jobId };
  return { queued: false, reason: "A sync is already queued; it will start when the running one finishes." };
}

/**
 * Asking for a sync: the web app enqueues a job; a worker (the server process) runs it. The job
 * and its audit event are written in one transaction (pg-boss inserts the job through it), so an
 * accepted request is always recorded and a refused one (already queued) never is.
 */
import { fromPrisma } from "pg-boss";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/server/record-audit-event";
import { getDatabaseUrl, getDb } from "../db";
import { getBoss, SYNC_QUEUE, type SyncJobPayload } from "./boss";

export type SyncRequestResult = { queued: true; jobId: string } | { queued: false; reason: string };

export async function requestSync(payload: SyncJobPayload, actor: Actor): Promise<SyncRequestResult> {
  const boss = await getBoss(await getDatabaseUrl(), "producer");
  const db = await getDb();
  const jobId = await db.$transaction(async (tx) => {
    const id = await boss.send(SYNC_QUEUE, payload, { retryLimit: 0, db: fromPrisma(tx) });
    if (id)
      await recordAuditEvent(tx, actor, {
        action: "sync.request",
        target: "every registry",
        summary: `sync queued (job ${id}, ${payload.trigger})`,
      });
    return id;
  });
  if (jobId) return { queued: true, jobId };
  return { queued: false, reason: "A sync is already queued; it will start when the running one finishes." };
}

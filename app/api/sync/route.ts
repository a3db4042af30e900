import { requestActor } from "@/lib/audit/server/request-actor";
import { requestSync } from "@/lib/jobs/sync-queue";
import { guardedRoute } from "../_lib/guarded-route";

/** Queues a sync for the worker; 409 with the reason when one is already queued or running. */
export const POST = guardedRoute({ action: "request-sync" }, async (_request, _context, auth) => {
  const result = await requestSync({ trigger: "ui" }, requestActor(auth));
  if (result.queued) return Response.json(result, { status: 202 });
  return Response.json({ error: "conflict", message: result.reason }, { status: 409 });
});

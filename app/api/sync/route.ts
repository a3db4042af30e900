import { requestSync } from "@/lib/jobs/sync-queue";
import { withErrorHandling } from "../_lib/with-error-handling";

/** Queues a sync for the worker; 409 with the reason when one is already queued or running. */
export const POST = withErrorHandling(async () => {
  const result = await requestSync({ trigger: "ui" });
  if (result.queued) return Response.json(result, { status: 202 });
  return Response.json({ error: "conflict", message: result.reason }, { status: 409 });
});

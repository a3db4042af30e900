import { getSyncStatus } from "@/lib/sync/get-sync-status";
import { withErrorHandling } from "../../_lib/with-error-handling";

export const dynamic = "force-dynamic";

export const GET = withErrorHandling(async () => {
  const status = await getSyncStatus();
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});

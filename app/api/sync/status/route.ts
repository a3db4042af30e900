import { getSyncStatus } from "@/lib/sync/get-sync-status";
import { guardedRoute } from "../../_lib/guarded-route";

export const dynamic = "force-dynamic";

export const GET = guardedRoute({ action: "read" }, async () => {
  const status = await getSyncStatus();
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});

import { getHealth } from "@/lib/sync/get-health";
import { guardedRoute, PUBLIC } from "../_lib/guarded-route";

/**
 * 200 when the database answers and the inventory is fresh; 503 with the reason otherwise (the
 * database unreachable, the last successful sync older than twice the schedule's interval, or a
 * sync running past its deadline). The database and the last sync are reported either way.
 */
export const GET = guardedRoute(PUBLIC, async () => {
  const health = await getHealth();
  const body = health.ok ? health : { ...health, reason: health.reasons.join("; ") };
  return Response.json(body, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});

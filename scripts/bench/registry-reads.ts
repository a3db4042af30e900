/** Data-plane requests and 429s per registry of the bench's two syncs (sync_registry_results). */
import type { Pool } from "pg";

export type RegistryReads = {
  registry: string;
  sku: string;
  fullRequests: number;
  fullThrottled: number;
  noChangeRequests: number;
  noChangeThrottled: number;
};

export async function listRegistryReads(pool: Pool, [fullRunId, noChangeRunId]: [number, number]) {
  const { rows } = await pool.query<RegistryReads>(
    `SELECT f.registry_name AS registry, coalesce(g.sku_name, '?') AS sku,
            f.requests AS "fullRequests", f.throttled AS "fullThrottled",
            coalesce(n.requests, 0) AS "noChangeRequests", coalesce(n.throttled, 0) AS "noChangeThrottled"
     FROM sync_registry_results f
     LEFT JOIN sync_registry_results n ON n.sync_run_id = $2 AND n.registry_arm_id = f.registry_arm_id
     LEFT JOIN registries g ON g.arm_id = f.registry_arm_id
     WHERE f.sync_run_id = $1 ORDER BY f.registry_name`,
    [fullRunId, noChangeRunId],
  );
  return rows;
}

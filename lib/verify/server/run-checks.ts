/**
 * Runs every check of the stored inventory. The SQL checks read one snapshot of the database (a
 * repeatable-read, read-only transaction), so a sync committing a registry meanwhile cannot make
 * two of their statements disagree; the chargeback check reads through the chargeback loader,
 * whose sums hold by construction whenever it reads.
 */
import type { Pool, PoolClient } from "pg";
import type { CheckName, FoundViolation } from "../violations";
import { checkChargeback } from "./check-chargeback";
import { checkCounts } from "./check-counts";
import { checkManifestFacts } from "./check-manifest-facts";
import { checkSnapshots } from "./check-snapshots";
import { checkStoredBytes } from "./check-stored-bytes";

const CHECK_FUNCTIONS: Record<CheckName, (client: PoolClient) => Promise<FoundViolation[]>> = {
  "manifest-facts": checkManifestFacts,
  "stored-bytes": checkStoredBytes,
  counts: checkCounts,
  snapshots: checkSnapshots,
  chargeback: checkChargeback,
};

export async function runChecks(pool: Pool): Promise<FoundViolation[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const violations: FoundViolation[] = [];
    for (const check of Object.values(CHECK_FUNCTIONS)) violations.push(...(await check(client)));
    await client.query("COMMIT");
    return violations;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

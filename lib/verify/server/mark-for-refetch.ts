/**
 * What `--repair` does before its sync: the bodies whose facts cannot be trusted are deleted (their
 * blob references and children go with them), so the sync fetches them again; and the registries
 * concerned forget their kept state, so the sync lists every one of their repositories again
 * (a repository counts as changed when its stored last-update time is not Azure's: NULL never is)
 * and writes their whole inventory, storage split, counts and today's snapshots from what it read
 * (a NULL inventory token means no process may work from what it kept). One transaction, under the
 * sync lock so no sync is writing meanwhile.
 */
import type { Pool } from "pg";
import { acquireSyncLock, releaseSyncLock } from "@/lib/sync/lock";
import { INCOMPLETE_FACTS } from "./incomplete-facts";

export type Refetch = { registries: number; bodies: number };

export async function markForRefetch(pool: Pool, registryIds: number[]): Promise<Refetch> {
  const lock = await acquireSyncLock(pool);
  try {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const holders = await client.query<{ registry_id: number }>(
        `WITH ${INCOMPLETE_FACTS}
         SELECT DISTINCT r.registry_id FROM incomplete_facts f
         JOIN manifests m ON m.digest = f.digest JOIN repositories r ON r.id = m.repository_id`,
      );
      const deleted = await client.query(
        `WITH ${INCOMPLETE_FACTS}
         DELETE FROM manifest_contents WHERE digest IN (SELECT digest FROM incomplete_facts WHERE reason <> 'missing')`,
      );
      const ids = [...new Set([...registryIds, ...holders.rows.map((r) => r.registry_id)])];
      await client.query("UPDATE repositories SET last_updated_at = NULL WHERE registry_id = ANY($1::int[])", [ids]);
      const marked = await client.query(
        "UPDATE registries SET inventory_token = NULL WHERE id = ANY($1::int[]) AND removed_at IS NULL",
        [ids],
      );
      await client.query("COMMIT");
      return { registries: marked.rowCount ?? 0, bodies: deleted.rowCount ?? 0 };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  } finally {
    await releaseSyncLock(lock);
  }
}

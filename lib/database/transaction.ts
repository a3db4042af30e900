/**
 * One transaction on a held connection: committed whole or rolled back whole. When the connection
 * itself is gone (the server restarted, the network dropped), the ROLLBACK fails too; the server
 * has already discarded the transaction then, and the error that caused it is the one reported.
 */
import type { PoolClient } from "pg";

export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * A registry read that would write nothing new: no repository changed, and everything else its
 * write stores (the registry's ARM properties, usages, replications, webhooks, tasks and runs,
 * every repository's properties, the day's snapshots) is what the registry's last write stored.
 * Such a read is not written again: its write would store the same rows under a fresh inventory
 * token (and so move every figure kept by that token). Only the registry's last-synced time moves.
 *
 * What the read is compared with is the description stored with the registry's inventory token
 * (registries.written_read, one statement sets both), so any process can tell, whichever wrote
 * last; a registry marked removed, or whose token was cleared or moved without a write, is written
 * in full.
 */
import type { Pool } from "pg";
import { isoDay } from "../calendar";
import { describeRead, fromStoredReadSignature, isWrittenAlready } from "./read-signature";
import type { FetchedRegistry } from "./types";

/**
 * True when the read equals the registry's last write, as stored with its inventory token: its
 * last-synced time is then moved to `asOf`, and nothing else is written.
 */
export async function keepUnchangedRead(pool: Pool, fetched: FetchedRegistry, asOf: Date): Promise<boolean> {
  if (fetched.changed.length > 0 || fetched.newContents.length > 0 || fetched.manifestErrors.length > 0) return false;
  // A repository row no sync wrote (the catalog does not list it) is one a write would remove.
  const { rows } = await pool.query<{ id: number; token: string | null; written: unknown; repositories: number }>(
    `SELECT g.id, g.inventory_token::text AS token, g.written_read AS written,
       (SELECT count(*)::int FROM repositories r WHERE r.registry_id = g.id) AS repositories
     FROM registries g WHERE g.arm_id = $1 AND g.removed_at IS NULL`,
    [fetched.registry.armId],
  );
  const row = rows[0];
  const written = row && fromStoredReadSignature(row.written, row.token);
  if (!written || row.repositories !== fetched.repositoryNames.length) return false;
  if (!isWrittenAlready(describeRead(fetched, isoDay(asOf)), written)) return false;
  // Conditional on the token: a write that slipped in meanwhile keeps its own time.
  await pool.query("UPDATE registries SET last_synced_at = $3 WHERE id = $1 AND inventory_token::text = $2", [
    row.id,
    row.token,
    asOf,
  ]);
  return true;
}

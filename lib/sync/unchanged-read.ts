/**
 * A registry read that would write nothing new: no repository changed, and everything else its
 * write stores (the registry's ARM properties, usages, replications, webhooks, tasks and runs,
 * every repository's properties, the day's snapshots) is what this process last wrote. Such a
 * read is not written again: its write would store the same rows under a fresh inventory token
 * (and so move every figure kept by that token). Only the registry's last-synced time moves.
 *
 * What the read is compared with is kept with the registry's kept inventory (kept-inventory.ts),
 * so it holds only while the stored token is the one this process wrote with it: after any other
 * write (or with the registry marked removed) the next sync writes in full.
 */
import { createHash } from "node:crypto";
import type { Pool } from "pg";
import { isoDay } from "../calendar";
import { keepWrittenRead as keepRead, keptInventory, type KeptRead } from "./kept-inventory";
import type { FetchedRegistry } from "./types";

/** Objects with their keys in order, so that the same facts give the same text whichever way they were built. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value, sortedKeys)).digest("base64");

/**
 * The read as its write stores it, manifests and tags aside: one hash of all but the task runs,
 * and one per run. Runs are listed back to a watermark that moves with what is stored, so a read
 * holds a window of them: it writes nothing new when each run it holds is one written as it is.
 */
export function describeRead(fetched: FetchedRegistry, asOf: Date): KeptRead {
  const { runs, ...details } = fetched.details;
  const repositories = [...fetched.unchanged, ...fetched.changed.map((c) => c.properties)].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return {
    signature: hash({ registry: fetched.registry, details, repositories, day: isoDay(asOf) }),
    runs: new Map(runs.map((r) => [r.runId, hash(r)])),
  };
}

/** Whether the write of `written` stored everything `read` holds (its runs may be fewer: the window moved on). */
export function isWrittenAlready(read: KeptRead, written: KeptRead): boolean {
  if (read.signature !== written.signature) return false;
  for (const [runId, run] of read.runs) if (written.runs.get(runId) !== run) return false;
  return true;
}

/**
 * True when the read equals what this process last wrote of the registry and the registry still
 * holds that write: its last-synced time is then moved to `asOf`, and nothing else is written.
 */
export async function keepUnchangedRead(pool: Pool, fetched: FetchedRegistry, asOf: Date): Promise<boolean> {
  if (fetched.changed.length > 0 || fetched.newContents.length > 0 || fetched.manifestErrors.length > 0) return false;
  // A repository row no sync wrote (the catalog does not list it) is one a write would remove.
  const { rows } = await pool.query<{ id: number; token: string | null; repositories: number }>(
    `SELECT g.id, g.inventory_token::text AS token,
       (SELECT count(*)::int FROM repositories r WHERE r.registry_id = g.id) AS repositories
     FROM registries g WHERE g.arm_id = $1 AND g.removed_at IS NULL`,
    [fetched.registry.armId],
  );
  const written = rows[0] && keptInventory(rows[0].id, rows[0].token)?.read;
  if (!written || rows[0].repositories !== fetched.repositoryNames.length) return false;
  if (!isWrittenAlready(describeRead(fetched, asOf), written)) return false;
  // Conditional on the token: a write that slipped in meanwhile keeps its own time.
  await pool.query("UPDATE registries SET last_synced_at = $3 WHERE id = $1 AND inventory_token::text = $2", [
    rows[0].id,
    rows[0].token,
    asOf,
  ]);
  return true;
}

/** After the registry's write committed: its read, with what was kept of that write. */
export function keepWrittenRead(registryId: number, fetched: FetchedRegistry, asOf: Date): void {
  keepRead(registryId, describeRead(fetched, asOf));
}

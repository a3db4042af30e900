/**
 * Figures derived from one registry's inventory, kept in registry_derived for the pages. A row is
 * fresh while (1) its inventory token is the registry's current one (every write of the registry's
 * inventory stores a new token, in the same transaction) and (2) its key, the canonical JSON of the
 * other inputs, is the one asked for. A row is written in ONE statement, and only if the registry's
 * token is still the one read before its inputs were: a write that committed meanwhile (whose rows
 * the computation may have half seen) makes it a no-op. So a crash or a race leaves either the old
 * row (stale: recomputed by the next reader) or a right one, never a wrong one.
 * No "server-only" guard: the sync keeps these rows from its CLI and workers too.
 */
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type DerivedKind = "cleanup-plan" | "size-regressions";

/** A registry's inventory as of one statement: its token and a fingerprint of its rows. */
export type InventoryState = { registryId: number; token: string; fingerprint: string };

/** Σ of 64-bit row hashes (and the count): order-free, so no sort; any changed row moves it. */
const rowsHash = (row: string) => `count(*) || ':' || coalesce(sum(hashtextextended((${row})::text, 0)::numeric), 0)`;

/**
 * The token and fingerprint of a current registry in one snapshot; null when it is removed or its
 * inventory was dropped. The fingerprint covers every column of the inventory the derived figures
 * read (manifest bodies, children and blob sizes are content-addressed by digest, so the digests
 * cover them).
 */
export async function readInventoryState(registryId: number): Promise<InventoryState | null> {
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<{ token: string | null; fingerprint: string }[]>(
    `SELECT g.inventory_token::text AS token,
            md5(concat_ws('|', g.name, g.login_server,
              (SELECT ${rowsHash("r.id, r.name, r.delete_enabled, r.write_enabled")}
                 FROM repositories r WHERE r.registry_id = g.id),
              (SELECT ${rowsHash(
                "m.repository_id, m.digest, m.media_type, m.artifact_type, m.subject_digest, m.architecture, m.created_at, m.last_updated_at, m.delete_enabled, m.write_enabled, m.size_bytes",
              )}
                 FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.registry_id = g.id),
              (SELECT ${rowsHash("t.repository_id, t.name, t.digest, t.last_updated_at, t.delete_enabled, t.write_enabled")}
                 FROM tags t JOIN repositories r ON r.id = t.repository_id WHERE r.registry_id = g.id))) AS fingerprint
       FROM registries g WHERE g.id = $1 AND g.removed_at IS NULL`,
    registryId,
  );
  const row = rows[0];
  return row?.token ? { registryId, token: row.token, fingerprint: row.fingerprint } : null;
}

/** The fresh rows of `kind`, each for its registry's key (bodies as stored), by registry id. */
export async function listFreshDerived(
  kind: DerivedKind,
  keys: ReadonlyMap<number, string>,
): Promise<Map<number, string>> {
  const fresh = await listFreshDerivedVersions(kind, keys);
  return new Map([...fresh].map(([registryId, row]) => [registryId, row.body ?? ""]));
}

/**
 * A fresh row's version (xmin and ctid: every write of the row makes a new tuple, a write in
 * another transaction a new xmin, a second write in the same one a new ctid) and its body, null when
 * `known` holds that version for its registry (the caller has the body already).
 */
export type FreshDerived = { version: string; body: string | null };

/** The fresh rows of `kind` by registry id, with the bodies of the versions not `known` only. */
export async function listFreshDerivedVersions(
  kind: DerivedKind,
  keys: ReadonlyMap<number, string>,
  known: ReadonlyMap<number, string> = new Map(),
): Promise<Map<number, FreshDerived>> {
  if (keys.size === 0) return new Map();
  const db = await getDb();
  const rows = await db.$queryRaw<{ registryId: number; version: string; body: string | null }[]>`
    SELECT d.registry_id AS "registryId", v.version, CASE WHEN v.version = c.version THEN NULL ELSE d.body END AS body
      FROM unnest(${[...keys.keys()]}::int[], ${[...keys.values()]}::text[]) AS k(registry_id, key)
      JOIN registry_derived d ON d.registry_id = k.registry_id AND d.kind = ${kind} AND d.key = k.key
      JOIN registries g ON g.id = d.registry_id AND g.inventory_token = d.inventory_token
      CROSS JOIN LATERAL (SELECT d.xmin::text || '/' || d.ctid::text AS version) v
      LEFT JOIN unnest(${[...known.keys()]}::int[], ${[...known.values()]}::text[]) AS c(registry_id, version)
        ON c.registry_id = d.registry_id`;
  return new Map(rows.map(({ registryId, ...row }) => [registryId, row]));
}

/**
 * Stores a row computed from the inventory `state` describes; false (nothing written) once the
 * registry has moved on. Within `tx` when given, so what the kind keeps beside the row is written with it.
 */
export async function storeDerived(
  kind: DerivedKind,
  state: InventoryState,
  key: string,
  body: string,
  tx?: Pick<Prisma.TransactionClient, "$executeRaw">,
): Promise<boolean> {
  const db = tx ?? (await getDb());
  const written = await db.$executeRaw`
    INSERT INTO registry_derived (registry_id, kind, key, inventory_token, fingerprint, body, computed_at)
    SELECT g.id, ${kind}, ${key}, g.inventory_token, ${state.fingerprint}, ${body}, now()
      FROM registries g WHERE g.id = ${state.registryId} AND g.inventory_token = ${state.token}::uuid
    ON CONFLICT (registry_id, kind) DO UPDATE SET key = EXCLUDED.key, inventory_token = EXCLUDED.inventory_token,
       fingerprint = EXCLUDED.fingerprint, body = EXCLUDED.body, computed_at = EXCLUDED.computed_at`;
  return written > 0;
}

/**
 * A row for `key` computed from rows equal to the registry's now (same fingerprint) serves the new
 * token as it is: true when carried over, false when it must be computed.
 */
export async function carryDerivedOver(kind: DerivedKind, state: InventoryState, key: string): Promise<boolean> {
  const db = await getDb();
  const updated = await db.$executeRaw`
    UPDATE registry_derived d SET inventory_token = g.inventory_token
      FROM registries g
     WHERE d.registry_id = ${state.registryId} AND d.kind = ${kind} AND d.key = ${key} AND d.fingerprint = ${state.fingerprint}
       AND g.id = d.registry_id AND g.inventory_token = ${state.token}::uuid`;
  return updated > 0;
}

/**
 * Deletes the rows of registries Azure no longer lists, and the plan items kept beside them: none
 * is read again (a removed registry has no inventory token, and reads list current registries), and
 * a registry that comes back is written under a new token. One statement: both go, or neither.
 */
export async function dropRemovedRegistriesDerived(): Promise<number> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ deleted: number }[]>`
    WITH gone AS (SELECT id FROM registries WHERE removed_at IS NOT NULL),
         items AS (DELETE FROM cleanup_plan_items i USING gone WHERE i.registry_id = gone.id RETURNING 1),
         derived AS (DELETE FROM registry_derived d USING gone WHERE d.registry_id = gone.id RETURNING 1)
    SELECT ((SELECT count(*) FROM items) + (SELECT count(*) FROM derived))::int AS deleted`;
  return row.deleted;
}

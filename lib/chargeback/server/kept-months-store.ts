/**
 * kept_chargeback_months: a registry's allocated month per ownership config (its sha256), served
 * only while its key is the one the reader computed from the inputs now. A row is written under
 * the key read BEFORE its inputs were: a write that lands meanwhile changes the key, so the row
 * is stale at once and never served for inputs it was not computed from. Rows of a config no
 * view reads for their month are deleted after each keep (prune-kept-months.ts).
 * No "server-only" guard: the sync keeps months from its CLI and workers too.
 */
import { getDb } from "@/lib/db";
import { firstDayOf } from "@/lib/calendar";
import { Prisma } from "@/lib/generated/prisma/client";

export type KeptMonthRow = { registryId: number; key: string; body: string };

/** A row's version: its xmin, which every write of the row moves (an in-process copy of a body is held by it). */
export type KeptMonthBody = { body: string; version: string };

/** The rows whose key is the one asked for, by registry id: their bodies and versions. */
export async function listKeptMonths(
  month: string,
  configHash: string,
  keys: ReadonlyMap<number, string>,
): Promise<Map<number, KeptMonthBody>> {
  const rows = await selectKept(month, configHash, keys, Prisma.sql`m.body`);
  return new Map(rows.map((r) => [r.registryId, { body: r.body!, version: r.version }]));
}

/** The same rows' versions alone, without their bodies. */
export async function listKeptMonthVersions(
  month: string,
  configHash: string,
  keys: ReadonlyMap<number, string>,
): Promise<Map<number, string>> {
  const rows = await selectKept(month, configHash, keys, Prisma.sql`NULL::text`);
  return new Map(rows.map((r) => [r.registryId, r.version]));
}

async function selectKept(month: string, configHash: string, keys: ReadonlyMap<number, string>, body: Prisma.Sql) {
  if (keys.size === 0) return [];
  const db = await getDb();
  return db.$queryRaw<{ registryId: number; body: string | null; version: string }[]>`
    SELECT k.registry_id AS "registryId", ${body} AS body, m.xmin::text AS version
      FROM unnest(${[...keys.keys()]}::int[], ${[...keys.values()]}::text[]) AS k(registry_id, key)
      JOIN kept_chargeback_months m ON m.registry_id = k.registry_id AND m.month = ${firstDayOf(month)}::date
       AND m.config_hash = ${configHash} AND m.key = k.key`;
}

/** One statement; registries deleted meanwhile are skipped. */
export async function storeKeptMonths(month: string, configHash: string, rows: readonly KeptMonthRow[]): Promise<void> {
  if (rows.length === 0) return;
  const db = await getDb();
  await db.$executeRaw`
    INSERT INTO kept_chargeback_months (registry_id, month, config_hash, key, body, computed_at)
    SELECT g.id, ${firstDayOf(month)}::date, ${configHash}, k.key, k.body, now()
      FROM unnest(${rows.map((r) => r.registryId)}::int[], ${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.body)}::text[])
           AS k(registry_id, key, body)
      JOIN registries g ON g.id = k.registry_id
    ON CONFLICT (registry_id, month, config_hash) DO UPDATE
      SET key = EXCLUDED.key, body = EXCLUDED.body, computed_at = EXCLUDED.computed_at`;
}

/** The months (YYYY-MM) that have rows, and the database's clock as they were listed. */
export async function listKeptMonthsHeld(): Promise<{ months: string[]; listedAt: Date }> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ months: string[]; listedAt: Date }[]>`
    SELECT array(SELECT DISTINCT to_char(month, 'YYYY-MM') FROM kept_chargeback_months ORDER BY 1) AS months,
           now() AS "listedAt"`;
  return row;
}

/**
 * Deletes, for the months listed, every registry's rows whose config is not one of its month's
 * `readable` hashes, among the rows computed before `listedAt`: a row kept after that may be of
 * rules saved since, which `readable` does not know of. Returns how many went.
 */
export async function dropKeptMonthsExcept(
  readable: ReadonlyMap<string, readonly string[]>,
  listedAt: Date,
): Promise<number> {
  if (readable.size === 0) return 0;
  const pairs = [...readable].flatMap(([month, hashes]) => hashes.map((hash) => [firstDayOf(month), hash] as const));
  const db = await getDb();
  return db.$executeRaw`
    DELETE FROM kept_chargeback_months m
     WHERE m.month = ANY(${[...readable.keys()].map(firstDayOf)}::date[]) AND m.computed_at < ${listedAt}
       AND NOT EXISTS (SELECT 1 FROM unnest(${pairs.map((p) => p[0])}::date[], ${pairs.map((p) => p[1])}::text[])
                                 AS r(month, config_hash)
                        WHERE r.month = m.month AND r.config_hash = m.config_hash)`;
}

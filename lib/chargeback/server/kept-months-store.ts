/**
 * kept_chargeback_months: a registry's allocated month per ownership config (its sha256), served
 * only while its key is the one the reader computed from the inputs now. A row is written under
 * the key read BEFORE its inputs were: a write that lands meanwhile changes the key, so the row
 * is stale at once and never served for inputs it was not computed from.
 * No "server-only" guard: the sync keeps months from its CLI and workers too.
 */
import { getDb } from "@/lib/db";
import { firstDayOf } from "@/lib/calendar";

export type KeptMonthRow = { registryId: number; key: string; body: string };

/** The bodies of the rows whose key is the one asked for, by registry id. */
export async function listKeptMonths(
  month: string,
  configHash: string,
  keys: ReadonlyMap<number, string>,
): Promise<Map<number, string>> {
  if (keys.size === 0) return new Map();
  const db = await getDb();
  const rows = await db.$queryRaw<{ registryId: number; body: string }[]>`
    SELECT k.registry_id AS "registryId", m.body
      FROM unnest(${[...keys.keys()]}::int[], ${[...keys.values()]}::text[]) AS k(registry_id, key)
      JOIN kept_chargeback_months m ON m.registry_id = k.registry_id AND m.month = ${firstDayOf(month)}::date
       AND m.config_hash = ${configHash} AND m.key = k.key`;
  return new Map(rows.map((r) => [r.registryId, r.body]));
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

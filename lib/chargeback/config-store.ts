/**
 * The installation's chargeback config in the database (table chargeback_config, one row, id 1).
 * Contract:
 * - getChargebackConfig() → { source: "stored" | "default", config, document, updatedAt }: the
 *   stored document (validated again on read, so a row edited by hand fails naming the field),
 *   else the empty config (no teams: everything unallocated) with updatedAt null.
 * - saveChargebackConfig(text) validates the JSON text (LedgerError "validation" naming every bad
 *   field → HTTP 422) BEFORE replacing the row, stores the canonical JSON and returns what was
 *   stored: what is exported is exactly what was saved.
 * - resetChargebackConfig() deletes the row.
 * Every allocation reads the config at query time, so changing rules re-allocates every month.
 */
import { getDb } from "@/lib/db";
import {
  emptyChargebackConfig,
  parseChargebackConfigText,
  serializeChargebackConfig,
  type ChargebackConfig,
} from "@/lib/domain/chargeback/config";

const ROW_ID = 1;

export type StoredChargebackConfig = {
  source: "stored" | "default";
  config: ChargebackConfig;
  document: string;
  updatedAt: Date | null;
};

export async function getChargebackConfig(): Promise<StoredChargebackConfig> {
  const db = await getDb();
  const row = await db.chargebackConfig.findUnique({ where: { id: ROW_ID } });
  if (row === null) {
    const config = emptyChargebackConfig();
    return { source: "default", config, document: serializeChargebackConfig(config), updatedAt: null };
  }
  return { source: "stored", config: parseChargebackConfigText(row.document), document: row.document, updatedAt: row.updatedAt };
}

export async function saveChargebackConfig(text: string): Promise<StoredChargebackConfig> {
  const config = parseChargebackConfigText(text);
  const document = serializeChargebackConfig(config);
  const db = await getDb();
  const row = await db.chargebackConfig.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, document }, update: { document } });
  return { source: "stored", config, document: row.document, updatedAt: row.updatedAt };
}

export async function resetChargebackConfig(): Promise<void> {
  const db = await getDb();
  await db.chargebackConfig.deleteMany({ where: { id: ROW_ID } });
}

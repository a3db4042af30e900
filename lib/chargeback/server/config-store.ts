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
import { documentStore } from "@/lib/database/document-store";
import {
  emptyChargebackConfig,
  parseChargebackConfigText,
  serializeChargebackConfig,
  type ChargebackConfig,
} from "@/lib/chargeback/config";

const store = documentStore("chargeback_config", {
  parse: parseChargebackConfigText,
  serialize: serializeChargebackConfig,
});

export type StoredChargebackConfig = {
  source: "stored" | "default";
  config: ChargebackConfig;
  document: string;
  updatedAt: Date | null;
};

export async function getChargebackConfig(): Promise<StoredChargebackConfig> {
  const stored = await store.get();
  if (stored === null) {
    const config = emptyChargebackConfig();
    return { source: "default", config, document: serializeChargebackConfig(config), updatedAt: null };
  }
  return { source: "stored", config: stored.value, document: stored.document, updatedAt: stored.updatedAt };
}

export async function saveChargebackConfig(text: string): Promise<StoredChargebackConfig> {
  const saved = await store.save(text);
  return { source: "stored", config: saved.value, document: saved.document, updatedAt: saved.updatedAt };
}

export function resetChargebackConfig(): Promise<void> {
  return store.reset();
}

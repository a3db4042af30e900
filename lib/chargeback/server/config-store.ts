/**
 * The installation's chargeback config in the database (table chargeback_config, one row, id 1).
 * Contract:
 * - getChargebackConfig() → { source: "stored" | "default", config, document, updatedAt }: the
 *   stored document (validated again on read, so a row edited by hand fails naming the field),
 *   else the empty config (no teams: everything unallocated) with updatedAt null.
 * - saveChargebackConfig(text, actor) validates the JSON text (LedgerError "validation" naming
 *   every bad field → HTTP 422) BEFORE replacing the row, stores the canonical JSON and returns what
 *   was stored: what is exported is exactly what was saved.
 * - resetChargebackConfig(actor) deletes the row.
 * Both keep the document as a version (chargeback_config_versions: a reset keeps the empty config)
 * and record the audit event, in the change's transaction; a refused document records nothing.
 * Views allocate with the version in force at their month's end (resolve-config.ts).
 */
import { recordAuditEvent } from "@/lib/audit/server/record-audit-event";
import type { Actor } from "@/lib/audit/actor";
import { documentStore, type RecordChange } from "@/lib/database/document-store";
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

export async function saveChargebackConfig(text: string, actor: Actor): Promise<StoredChargebackConfig> {
  const saved = await store.save(text, keepVersion(actor, "chargeback-config.save"));
  return { source: "stored", config: saved.value, document: saved.document, updatedAt: saved.updatedAt };
}

export function resetChargebackConfig(actor: Actor): Promise<void> {
  return store.reset(keepVersion(actor, "chargeback-config.reset"));
}

/** The target every event of this document names. */
export const TEAMS_DOCUMENT = "teams document";

function keepVersion(actor: Actor, action: "chargeback-config.save" | "chargeback-config.reset"): RecordChange {
  return async (tx, { before, after }) => {
    const document = after ?? serializeChargebackConfig(emptyChargebackConfig());
    await tx.$executeRaw`
      INSERT INTO chargeback_config_versions (saved_at, document, saved_by) VALUES (now(), ${document}, ${actor.name})`;
    const change = before === after ? "unchanged" : `was ${describeConfig(before)}`;
    const summary =
      action === "chargeback-config.reset"
        ? `reset to no teams and no rules (everything unallocated); ${change}`
        : `saved ${describeConfig(after)}; ${change}`;
    await recordAuditEvent(tx, actor, { action, target: TEAMS_DOCUMENT, summary, before, after });
  };
}

function describeConfig(document: string | null): string {
  if (document === null) return "none stored";
  try {
    const { teams, rules, fixedFees } = parseChargebackConfigText(document);
    const byRegistry = Object.keys(fixedFees.byRegistry).length;
    return `${teams.length} teams, ${rules.length} rules, fees ${fixedFees.default} (${byRegistry} by registry)`;
  } catch {
    return "a document that no longer validates";
  }
}

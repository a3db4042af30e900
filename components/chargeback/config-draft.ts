/**
 * The teams-and-rules editor's working copy. The editor edits a draft (strings in inputs, ids
 * for React keys, a rule's match as a choice of registry name or registry tag) and turns it
 * into the chargeback JSON document for the preview, the save and the export; validation is
 * the server's (the core config parser), whose messages name fields by path, mapped back here
 * to the inputs they belong to.
 */

export type MatchBy = "registry" | "registryTag";

export type DraftTeam = { id: string; name: string; costCenter: string; contacts: string };
export type DraftRule = { id: string; matchBy: MatchBy; registry: string; registryTag: string; repository: string; team: string };
export type DraftFee = { id: string; registry: string; method: string };
export type Draft = { teams: DraftTeam[]; rules: DraftRule[]; feeDefault: string; fees: DraftFee[] };

/** The document the core parser reads (lib/chargeback/config.ts); it names every bad field. */
export type ConfigDocument = ChargebackConfig;

import type { ChargebackConfig } from "@/lib/chargeback/config";

let counter = 0;
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Any parsed JSON to a draft; what is not understood becomes empty fields for the server to name. */
export function draftFromDocument(input: unknown): Draft {
  const doc = record(input);
  const fees = record(doc.fixedFees);
  return {
    teams: list(doc.teams).map((t) => {
      const team = record(t);
      const contacts = Array.isArray(team.contacts) ? team.contacts.map(text).join(", ") : text(team.contacts);
      return { id: newId("team"), name: text(team.name), costCenter: text(team.costCenter), contacts };
    }),
    rules: list(doc.rules).map((r) => {
      const rule = record(r);
      const matchBy: MatchBy = rule.registryTag !== undefined && rule.registry === undefined ? "registryTag" : "registry";
      return {
        id: newId("rule"),
        matchBy,
        registry: text(rule.registry),
        registryTag: text(rule.registryTag),
        repository: text(rule.repository),
        team: text(rule.team),
      };
    }),
    feeDefault: text(fees.default) || "proportional",
    fees: Object.entries(record(fees.byRegistry)).map(([registry, method]) => ({ id: newId("fee"), registry, method: text(method) })),
  };
}

function splitContacts(contacts: string): string[] {
  return contacts
    .split(/[,\n]/)
    .map((c) => c.trim())
    .filter((c) => c !== "");
}

/** The draft as the JSON document: an empty cost center and empty contacts are left out, everything else as typed (trimmed). */
export function documentFromDraft(draft: Draft): ConfigDocument {
  return {
    teams: draft.teams.map((t) => {
      const contacts = splitContacts(t.contacts);
      const costCenter = t.costCenter.trim();
      return {
        name: t.name.trim(),
        ...(costCenter === "" ? {} : { costCenter }),
        ...(contacts.length === 0 ? {} : { contacts }),
      };
    }),
    rules: draft.rules.map((r) => ({
      ...(r.matchBy === "registry" ? { registry: r.registry.trim() } : { registryTag: r.registryTag.trim() }),
      repository: r.repository.trim(),
      team: r.team.trim(),
    })),
    fixedFees: {
      default: draft.feeDefault,
      byRegistry: Object.fromEntries(draft.fees.map((f) => [f.registry.trim(), f.method.trim()])),
    },
  };
}

export function emptyRule(team = ""): DraftRule {
  return { id: newId("rule"), matchBy: "registry", registry: "*", registryTag: "", repository: "**", team };
}

export function emptyTeam(): DraftTeam {
  return { id: newId("team"), name: "", costCenter: "", contacts: "" };
}

export function emptyFee(): DraftFee {
  return { id: newId("fee"), registry: "", method: "proportional" };
}

/** The list with the item at `index` changed by `patch` (the editors' rows). */
export function patchAt<T>(items: readonly T[], index: number, patch: Partial<T>): T[] {
  return items.map((item, i) => (i === index ? { ...item, ...patch } : item));
}

/** The list without the item at `index`. */
export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** Moves the item at `from` by `by` places (−1 up, +1 down); out of range leaves the list as it is. */
export function move<T>(items: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * "rules[2].repository: bad glob" or "rules.2.repository: bad glob" → key "rules.2.repository".
 * Messages without a recognisable path land under "" (shown above the form).
 */
export type FieldErrors = Record<string, string[]>;

export function fieldErrorsFromMessages(messages: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const message of messages) {
    const match = /^([A-Za-z_][\w.[\]-]*):\s*(.+)$/s.exec(message.trim());
    const key = match ? match[1].replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "") : "";
    const textOf = match ? match[2] : message;
    (errors[key] ??= []).push(textOf);
  }
  return errors;
}

/** The messages for one input's key ("rules.2.repository", "fixedFees.byRegistry.contosoprod"). */
export function errorsFor(errors: FieldErrors, key: string): string[] {
  return errors[key] ?? [];
}

/**
 * The teams-and-rules editor's working copy. The editor edits a draft (strings in inputs, ids
 * for React keys, a rule's match as a choice of registry name or registry tag) and turns it
 * into the chargeback JSON document for the preview, the save and the export; validation is
 * the server's (the core config parser), whose issues name fields by path, placed here beside
 * the inputs they belong to.
 */

export type MatchBy = "registry" | "registryTag";

export type DraftTeam = { id: string; name: string; costCenter: string; contacts: string };
export type DraftRule = {
  id: string;
  matchBy: MatchBy;
  registry: string;
  registryTag: string;
  repository: string;
  team: string;
};
export type DraftFee = { id: string; registry: string; method: string };
export type Draft = { teams: DraftTeam[]; rules: DraftRule[]; feeDefault: string; fees: DraftFee[] };

/** The document the core parser reads (lib/chargeback/config.ts); it names every bad field. */
export type ConfigDocument = ChargebackConfig;

import type { ChargebackConfig } from "@/lib/chargeback/config";
import type { ValidationIssue } from "@/lib/errors";

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
      const matchBy: MatchBy =
        rule.registryTag !== undefined && rule.registry === undefined ? "registryTag" : "registry";
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
    fees: Object.entries(record(fees.byRegistry)).map(([registry, method]) => ({
      id: newId("fee"),
      registry,
      method: text(method),
    })),
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

/** Messages by the key of the input they belong beside ("rules.2.repository", "fixedFees.byRegistry.contosoprod"). */
export type FieldErrors = Record<string, string[]>;

/** The server's issues placed on the draft's inputs; those no input answers for (say "teams", or the whole document) are left for the summary. */
export type PlacedIssues = { byField: FieldErrors; unplaced: ValidationIssue[] };

/**
 * Each input's key, and the paths it answers for besides its own: a team's name shows the team's
 * own problems (an unknown field in it), a rule's registry its registryTag and the rule's own,
 * contacts the problems of each contact.
 */
function inputsByPath(draft: Draft): Map<string, string> {
  const inputs = new Map<string, string>();
  draft.teams.forEach((_, i) => {
    for (const field of ["name", "costCenter", "contacts"]) inputs.set(`teams.${i}.${field}`, `teams.${i}.${field}`);
    inputs.set(`teams.${i}`, `teams.${i}.name`);
  });
  draft.rules.forEach((_, i) => {
    for (const field of ["registry", "repository", "team"]) inputs.set(`rules.${i}.${field}`, `rules.${i}.${field}`);
    inputs.set(`rules.${i}.registryTag`, `rules.${i}.registry`);
    inputs.set(`rules.${i}`, `rules.${i}.registry`);
  });
  inputs.set("fixedFees.default", "fixedFees.default");
  for (const fee of draft.fees) {
    const key = feeErrorKey(fee);
    inputs.set(key, key);
    // An imported file's key as written: the draft shows it, the document the server read had it untrimmed.
    inputs.set(`fixedFees.byRegistry.${fee.registry}`, key);
  }
  return inputs;
}

/** The key of a fee row's errors (its registry as the document names it, trimmed). */
export function feeErrorKey(fee: DraftFee): string {
  return `fixedFees.byRegistry.${fee.registry.trim()}`;
}

/** Each issue goes beside the input for its path, else for the nearest enclosing path that has one ("teams.0.contacts.1" → contacts). */
export function placeIssues(issues: readonly ValidationIssue[], draft: Draft): PlacedIssues {
  const inputs = inputsByPath(draft);
  const placed: PlacedIssues = { byField: {}, unplaced: [] };
  for (const issue of issues) {
    const key = inputFor(inputs, issue.path);
    if (key === undefined) placed.unplaced.push(issue);
    else (placed.byField[key] ??= []).push(issue.message);
  }
  return placed;
}

function inputFor(inputs: Map<string, string>, path: string): string | undefined {
  // Fee keys are registry names and may hold dots, so whole-path matches are tried before shorter prefixes.
  for (let end = path.length; end > 0; end = path.lastIndexOf(".", end - 1)) {
    const key = inputs.get(path.slice(0, end));
    if (key !== undefined) return key;
  }
  return undefined;
}

/** The messages for one input's key. */
export function errorsFor(errors: FieldErrors, key: string): string[] {
  return errors[key] ?? [];
}

/**
 * The installation's stale-tag policy in the database (table stale_policy, one row). Saving
 * validates with parsePolicy first, so an invalid document never replaces the stored one, and
 * stores the canonical JSON (serializePolicy): what is exported is exactly what was saved.
 * Reading validates again, so a row edited by hand fails with the bad field named. A save or reset
 * records its audit event (the documents before and after) in its own transaction.
 */
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/server/record-audit-event";
import { documentStore, type RecordChange } from "@/lib/database/document-store";
import { serializePolicy, type Policy } from "@/lib/stale/policy";
import { isLedgerError, issuesOf, type ValidationIssue } from "@/lib/errors";
import { defaultPolicy, parsePolicyText } from "../parse-policy-text";

const store = documentStore("stale_policy", { parse: parsePolicyText, serialize: serializePolicy });

export type StoredPolicy = { policy: Policy; document: string; updatedAt: Date };
/** The policy the cleanup plan uses when none is given: the stored one, else the defaults. */
export type EffectivePolicyDocument = {
  source: "stored" | "default";
  policy: Policy;
  document: string;
  updatedAt: Date | null;
};

export async function getStoredPolicy(): Promise<StoredPolicy | null> {
  const stored = await store.get();
  return stored && { policy: stored.value, document: stored.document, updatedAt: stored.updatedAt };
}

/**
 * What the policy editor opens with: the effective policy's JSON, or, when the stored row no longer
 * validates, its text as stored with the bad fields named, so it can be fixed (or reset) in place.
 */
export type EditablePolicy = {
  source: "stored" | "default";
  document: string;
  updatedAt: Date | null;
  issues: readonly ValidationIssue[];
};

export async function getEditablePolicy(): Promise<EditablePolicy> {
  try {
    const { source, document, updatedAt } = await getEffectivePolicyDocument();
    return { source, document, updatedAt, issues: [] };
  } catch (error) {
    if (!isLedgerError(error, "validation")) throw error;
    const row = await store.getText();
    if (row === null) throw error;
    return { source: "stored", document: row.document, updatedAt: row.updatedAt, issues: issuesOf(error) };
  }
}

export async function getEffectivePolicyDocument(): Promise<EffectivePolicyDocument> {
  const stored = await getStoredPolicy();
  if (stored !== null) return { source: "stored", ...stored };
  const policy = defaultPolicy();
  return { source: "default", policy, document: serializePolicy(policy), updatedAt: null };
}

/** Validates the JSON text, then replaces the stored policy; returns what was stored. */
export async function savePolicy(text: string, actor: Actor): Promise<StoredPolicy> {
  const saved = await store.save(text, recordPolicyChange(actor, "stale-policy.save"));
  return { policy: saved.value, document: saved.document, updatedAt: saved.updatedAt };
}

/** Back to the built-in rules: the stored row goes. */
export function resetPolicy(actor: Actor): Promise<void> {
  return store.reset(recordPolicyChange(actor, "stale-policy.reset"));
}

function recordPolicyChange(actor: Actor, action: "stale-policy.save" | "stale-policy.reset"): RecordChange {
  return (tx, { before, after }) => {
    const was = before === null ? "the built-in rules" : describePolicy(before);
    const change = before === after ? "unchanged" : `was ${was}`;
    const summary =
      action === "stale-policy.reset"
        ? `reset to the built-in rules (${describePolicy(null)}); ${change}`
        : `saved ${describePolicy(after)}; ${change}`;
    return recordAuditEvent(tx, actor, { action, target: "stale policy", summary, before, after });
  };
}

function describePolicy(document: string | null): string {
  try {
    const policy = document === null ? defaultPolicy() : parsePolicyText(document);
    return (
      `older than ${policy.olderThanDays} days, keep latest ${policy.keepLatest}, ${policy.keepPatterns.length} keep ` +
      `patterns, untagged older than ${policy.untaggedOlderThanDays} days, ${policy.overrides.length} overrides`
    );
  } catch {
    return "a document that no longer validates";
  }
}

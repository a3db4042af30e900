/**
 * The one seam where the cleanup plan gets its policy. Precedence: the policy given with the
 * report (`--policy FILE` on the CLI, `?policy=<JSON>` on the route; parsed with parsePolicyText
 * while the report's options are validated), else the policy stored in the database (edited at
 * /stale/policy), else DEFAULT_RULES with no overrides. The report awaits this in its prepare step,
 * before its first byte, so a stored policy that no longer validates fails with the bad field named.
 */
import type { Policy } from "@/lib/stale/policy";
import { isLedgerError, issuesOf, type ValidationIssue } from "@/lib/errors";
import { getEffectivePolicyDocument } from "./policy-store";

export async function resolvePolicy(explicit: Policy | undefined): Promise<Policy> {
  return explicit ?? (await getEffectivePolicyDocument()).policy;
}

/** For pages: a stored policy that no longer validates (a hand-edited row) is reported with its bad fields, not thrown. */
export type PolicyInEffect = { valid: true; policy: Policy } | { valid: false; issues: readonly ValidationIssue[] };

export async function getPolicyInEffect(): Promise<PolicyInEffect> {
  try {
    return { valid: true, policy: await resolvePolicy(undefined) };
  } catch (error) {
    if (!isLedgerError(error, "validation")) throw error;
    return { valid: false, issues: issuesOf(error) };
  }
}

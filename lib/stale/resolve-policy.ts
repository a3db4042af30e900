/**
 * The one seam where the cleanup plan gets its policy. Today: the JSON text of a policy file
 * (`--policy FILE` on the CLI, `?policy=<JSON>` on the route), else DEFAULT_RULES with no overrides.
 * A later session stores the policy in the database and edits it in the UI; only this function
 * changes then. Synchronous on purpose: report options are validated before the first byte.
 */
import { DEFAULT_RULES, parsePolicy, type Policy } from "@/lib/domain/stale/policy";
import { describeError, LedgerError } from "@/lib/errors";

export function resolvePolicy(option: string | undefined): Policy {
  if (option === undefined) return { ...DEFAULT_RULES, keepPatterns: [...DEFAULT_RULES.keepPatterns], overrides: [] };
  let json: unknown;
  try {
    json = JSON.parse(option);
  } catch (error) {
    throw new LedgerError("validation", `Invalid stale-tag policy:\n  (policy): is not valid JSON: ${describeError(error)}`);
  }
  return parsePolicy(json);
}

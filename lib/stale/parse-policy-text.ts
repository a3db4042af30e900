/** Policy JSON text to a Policy: shared by the report option, the store and the policy page. */
import { DEFAULT_RULES, parsePolicy, type Policy } from "@/lib/stale/policy";
import { describeError, LedgerError } from "@/lib/errors";

export function defaultPolicy(): Policy {
  return { ...DEFAULT_RULES, keepPatterns: [...DEFAULT_RULES.keepPatterns], overrides: [] };
}

/** JSON text to a validated policy; bad JSON or a bad field is a LedgerError("validation") naming it. */
export function parsePolicyText(text: string): Policy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LedgerError("validation", `Invalid stale-tag policy:\n  (policy): is not valid JSON: ${describeError(error)}`);
  }
  return parsePolicy(json);
}

/** The per-field lines of parsePolicy's message ("keepLatest: must be a whole number", ...), for a list. */
export function listPolicyProblems(message: string): string[] {
  const lines = message.split("\n");
  const fields = lines.slice(1).map((line) => line.trim()).filter((line) => line !== "");
  return fields.length > 0 ? fields : [message];
}

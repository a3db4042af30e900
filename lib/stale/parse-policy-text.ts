/** Policy JSON text to a Policy: shared by the report option, the store and the policy page. */
import { DEFAULT_RULES, parsePolicy, POLICY_ERROR_TITLE, POLICY_WHOLE, type Policy } from "@/lib/stale/policy";
import { parseJsonText } from "@/lib/validation";

export function defaultPolicy(): Policy {
  return { ...DEFAULT_RULES, keepPatterns: [...DEFAULT_RULES.keepPatterns], overrides: [] };
}

/** JSON text to a validated policy; bad JSON or a bad field is a LedgerError("validation") naming it. */
export function parsePolicyText(text: string): Policy {
  return parsePolicy(parseJsonText(text, POLICY_ERROR_TITLE, POLICY_WHOLE));
}

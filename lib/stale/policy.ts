/**
 * The stale-tag policy: one JSON document, stored in the database, edited in the UI and
 * imported/exported as a file. Every field is optional; a missing one takes its default:
 *   olderThanDays 90, keepLatest 5, keepPatterns ["^v?\d+\.\d+\.\d+$", "^latest$"],
 *   untaggedOlderThanDays 7, overrides [].
 * keepPatterns are regular expressions in RE2 syntax (lib/patterns/regex: what JavaScript and RE2
 * read alike, matched in linear time) searched in the tag name (unanchored, case-sensitive, like
 * `acr purge --filter`): write ^ and $ to anchor. At most MAX_KEEP_PATTERNS per list.
 * An override names a registry ("*" for any; names compared case-insensitively, as ACR's are) and
 * a repository glob (lib/patterns/glob: `*` within a path segment, `**` across slashes) and sets
 * any of the rule fields. Overrides apply in document order and the later matching one wins field by
 * field; keepPatterns is one field, so an override's list replaces the list before it.
 * Objects are strict so a misspelt field is reported rather than silently ignored.
 */
import { z } from "zod";
import { anyGlobMatcher, globProblem } from "@/lib/patterns/glob";
import { regexProblem } from "@/lib/patterns/regex";
import { documentError } from "@/lib/validation";

export const DEFAULT_RULES: PolicyRules = {
  olderThanDays: 90,
  keepLatest: 5,
  keepPatterns: ["^v?\\d+\\.\\d+\\.\\d+$", "^latest$"],
  untaggedOlderThanDays: 7,
};

/** 100 years: beyond it a day count is a typo, and Date arithmetic would overflow long before 2^53. */
const MAX_DAYS = 36_500;

const days = z
  .number({ error: "must be a whole number of days" })
  .int("must be a whole number of days")
  .min(0, "must not be negative")
  .max(MAX_DAYS, `must be at most ${MAX_DAYS} days`);

/** Beyond it a list is no longer a policy a person reviews; it also bounds the plan's matching work per tag. */
export const MAX_KEEP_PATTERNS = 100;

const keepPattern = z.string({ error: "must be a string holding a regular expression" }).superRefine((source, ctx) => {
  const problem = regexProblem(source);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

const repositoryGlob = z
  .string({ error: "must be a repository glob such as team-a/**" })
  .trim()
  .min(1, "must be a repository glob such as team-a/**")
  .superRefine((glob, ctx) => {
    const problem = globProblem(glob);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });

const ruleFields = {
  olderThanDays: days,
  keepLatest: z
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must not be negative"),
  keepPatterns: z
    .array(keepPattern, { error: "must be a list of regular expressions" })
    .max(MAX_KEEP_PATTERNS, `must hold at most ${MAX_KEEP_PATTERNS} patterns`),
  untaggedOlderThanDays: days,
};

const RULE_NAMES = Object.keys(ruleFields) as (keyof PolicyRules)[];

const overrideSchema = z
  .strictObject(
    {
      registry: z.string({ error: 'must be a registry name or "*"' }).trim().min(1, 'must be a registry name or "*"'),
      repository: repositoryGlob,
      ...ruleFields,
    },
    { error: "must be an object" },
  )
  .partial({ olderThanDays: true, keepLatest: true, keepPatterns: true, untaggedOlderThanDays: true })
  .refine((o) => RULE_NAMES.some((name) => o[name] !== undefined), {
    message: `sets no rule: give at least one of ${RULE_NAMES.join(", ")}`,
  });

export const policySchema = z.strictObject(
  {
    olderThanDays: ruleFields.olderThanDays.default(DEFAULT_RULES.olderThanDays),
    keepLatest: ruleFields.keepLatest.default(DEFAULT_RULES.keepLatest),
    keepPatterns: ruleFields.keepPatterns.default(() => [...DEFAULT_RULES.keepPatterns]),
    untaggedOlderThanDays: ruleFields.untaggedOlderThanDays.default(DEFAULT_RULES.untaggedOlderThanDays),
    overrides: z.array(overrideSchema, { error: "must be a list of overrides" }).default(() => []),
  },
  { error: "must be a JSON object" },
);

export type PolicyRules = {
  olderThanDays: number;
  keepLatest: number;
  keepPatterns: string[];
  untaggedOlderThanDays: number;
};
export type PolicyOverride = { registry: string; repository: string } & Partial<PolicyRules>;
export type Policy = PolicyRules & { overrides: PolicyOverride[] };
/** The rules for one repository, with the positions (0-based) of the overrides that shaped them. */
export type EffectivePolicy = PolicyRules & { appliedOverrides: number[] };

/** Validates a policy document; every bad field is an issue of one LedgerError("validation"), named in its message. */
export function parsePolicy(json: unknown): Policy {
  const result = policySchema.safeParse(json);
  if (result.success) return result.data;
  throw documentError(POLICY_ERROR_TITLE, POLICY_WHOLE, result.error.issues);
}

export const POLICY_ERROR_TITLE = "Invalid stale-tag policy";
/** The policy itself in a problem's line ("(policy): must be a JSON object"). */
export const POLICY_WHOLE = "(policy)";

/** Canonical JSON (fixed field order, defaults spelt out); parsePolicy(JSON.parse(it)) equals the input. */
export function serializePolicy(policy: Policy): string {
  const overrides = policy.overrides.map((o) => {
    const out: Record<string, unknown> = { registry: o.registry, repository: o.repository };
    for (const name of RULE_NAMES) if (o[name] !== undefined) out[name] = o[name];
    return out;
  });
  const { olderThanDays, keepLatest, keepPatterns, untaggedOlderThanDays } = policy;
  return `${JSON.stringify({ olderThanDays, keepLatest, keepPatterns, untaggedOlderThanDays, overrides }, null, 2)}\n`;
}

/** Compiles the overrides' globs once: use it when resolving many repositories. */
export function policyResolver(policy: Policy): (registry: string, repository: string) => EffectivePolicy {
  const matchers = policy.overrides.map((o) => ({
    registry: o.registry === "*" ? null : o.registry.toLowerCase(),
    repository: anyGlobMatcher([o.repository]),
  }));
  return (registry, repository) => {
    const effective: EffectivePolicy = {
      olderThanDays: policy.olderThanDays,
      keepLatest: policy.keepLatest,
      keepPatterns: policy.keepPatterns,
      untaggedOlderThanDays: policy.untaggedOlderThanDays,
      appliedOverrides: [],
    };
    policy.overrides.forEach((override, i) => {
      const m = matchers[i];
      if (m.registry !== null && m.registry !== registry.toLowerCase()) return;
      if (!m.repository(repository)) return;
      effective.appliedOverrides.push(i);
      if (override.olderThanDays !== undefined) effective.olderThanDays = override.olderThanDays;
      if (override.keepLatest !== undefined) effective.keepLatest = override.keepLatest;
      if (override.keepPatterns !== undefined) effective.keepPatterns = override.keepPatterns;
      if (override.untaggedOlderThanDays !== undefined)
        effective.untaggedOlderThanDays = override.untaggedOlderThanDays;
    });
    return effective;
  };
}

export function effectivePolicy(policy: Policy, registry: string, repository: string): EffectivePolicy {
  return policyResolver(policy)(registry, repository);
}

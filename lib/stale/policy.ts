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
import { LedgerError } from "@/lib/errors";
import { anyGlobMatcher, globProblem } from "@/lib/patterns/glob";
import { regexProblem } from "@/lib/patterns/regex";

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
  keepLatest: z.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must not be negative"),
  keepPatterns: z.array(keepPattern, { error: "must be a list of regular expressions" }).max(MAX_KEEP_PATTERNS, `must hold at most ${MAX_KEEP_PATTERNS} patterns`),
  untaggedOlderThanDays: days,
};

const RULE_NAMES = Object.keys(ruleFields) as (keyof PolicyRules)[];

const overrideSchema = z
  .strictObject({
    registry: z.string({ error: 'must be a registry name or "*"' }).trim().min(1, 'must be a registry name or "*"'),
    repository: repositoryGlob,
    ...ruleFields,
  }, { error: "must be an object" })
  .partial({ olderThanDays: true, keepLatest: true, keepPatterns: true, untaggedOlderThanDays: true })
  .refine((o) => RULE_NAMES.some((name) => o[name] !== undefined), { message: `sets no rule: give at least one of ${RULE_NAMES.join(", ")}` });

export const policySchema = z.strictObject({
  olderThanDays: ruleFields.olderThanDays.default(DEFAULT_RULES.olderThanDays),
  keepLatest: ruleFields.keepLatest.default(DEFAULT_RULES.keepLatest),
  keepPatterns: ruleFields.keepPatterns.default(() => [...DEFAULT_RULES.keepPatterns]),
  untaggedOlderThanDays: ruleFields.untaggedOlderThanDays.default(DEFAULT_RULES.untaggedOlderThanDays),
  overrides: z.array(overrideSchema, { error: "must be a list of overrides" }).default(() => []),
}, { error: "must be a JSON object" });

export type PolicyRules = { olderThanDays: number; keepLatest: number; keepPatterns: string[]; untaggedOlderThanDays: number };
export type PolicyOverride = { registry: string; repository: string } & Partial<PolicyRules>;
export type Policy = PolicyRules & { overrides: PolicyOverride[] };
/** The rules for one repository, with the positions (0-based) of the overrides that shaped them. */
export type EffectivePolicy = PolicyRules & { appliedOverrides: number[] };

/** Validates a policy document; every bad field is named with its reason in one LedgerError("validation"). */
export function parsePolicy(json: unknown): Policy {
  const result = policySchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => `  ${fieldPath([...issue.path, key])}: unknown field`)
      : [`  ${fieldPath(issue.path) || "(policy)"}: ${issue.message}`],
  );
  throw new LedgerError("validation", `Invalid stale-tag policy:\n${[...new Set(problems)].join("\n")}`);
}

/** "overrides[2].keepPatterns[0]": the way a person would point at the field in the JSON (an odd key such as "" quoted: [""]). */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key);
      return /^[A-Za-z_$][\w$]*$/.test(name) ? `${i === 0 ? "" : "."}${name}` : `[${JSON.stringify(name)}]`;
    })
    .join("");
}

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
      if (override.untaggedOlderThanDays !== undefined) effective.untaggedOlderThanDays = override.untaggedOlderThanDays;
    });
    return effective;
  };
}

export function effectivePolicy(policy: Policy, registry: string, repository: string): EffectivePolicy {
  return policyResolver(policy)(registry, repository);
}

/**
 * Input validation shared by pages, API routes, CLIs and the parsers of user documents: zod
 * pieces, and the one parse that turns a failure into a LedgerError naming the field.
 */
import { z } from "zod";
import { dayStart } from "@/lib/calendar";
import {
  describeError,
  invalidField,
  isLedgerError,
  LedgerError,
  type LedgerErrorCode,
  type ValidationIssue,
} from "@/lib/errors";
/**
 * A JSON object whose keys are user data (registry names, regions). zod's record skips a
 * "__proto__" key without a word, and the entry would vanish: it is refused by name instead.
 */
export function userKeyedRecord<K extends z.ZodType<string, string>, V extends z.ZodType>(
  key: K,
  value: V,
  error: string,
  what: string,
) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (typeof input === "object" && input !== null && Object.hasOwn(input, "__proto__"))
        ctx.addIssue({ code: "custom", path: ["__proto__"], message: `is not ${what}` });
    })
    .pipe(z.record(key, value, { error }));
}

// Years from 1000: Date.UTC reads years 0-99 as 1900-1999, which would shift a month's range
// silently. Up to 9998: a month's end (the next month's first day) must still have four digits.
const MONTH = /^((?!9999)[1-9]\d{3})-(0[1-9]|1[0-2])$/;
const DAY = /^(?!9999)[1-9]\d{3}-\d{2}-\d{2}$/;

export const monthSchema = z.string().trim().regex(MONTH, "expected a month as YYYY-MM (years 1000 to 9998)");

export const daySchema = z
  .string()
  .trim()
  .regex(DAY, "expected a day as YYYY-MM-DD (years 1000 to 9998)")
  // zod runs this refinement even when the pattern failed, so the text may be anything.
  .refine((value) => {
    const day = dayStart(value);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  }, "not a calendar day");

/** Page numbers and sizes as they arrive from a URL: strings, possibly absent or junk. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).default(1);

/** Drops empty strings so `?search=` means "no search" rather than "match the empty name". */
export const optionalFilterText = z
  .string()
  .trim()
  .max(200)
  // PostgreSQL text cannot hold NUL: the query would fail as a server error.
  .refine((v) => !v.includes("\u0000"), "must not contain a NUL character")
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** zod parse that fails as a LedgerError "validation" naming the offending field (HTTP 422, CLI exit 2). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = pathToNul(input);
  if (nul !== null) throw invalidField(nul, "must not contain a NUL character");
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // The message names the first problem only, as zod words it: a query string or a CLI line is fixed one option at a time.
  const first = result.error.issues[0];
  throw new LedgerError("validation", `${first.path.join(".") || "input"}: ${first.message}`, {
    issues: issuesFromZod(result.error.issues),
  });
}

type ZodIssues = readonly z.core.$ZodIssue[];
type Problem = { at: PropertyKey[]; message: string };
/** How unknown keys are told: one "unknown field" issue each (the default), or as zod words them on their object. */
type UnknownKeys = "each" | "zod";

function problemsOf(zodIssues: ZodIssues, unknownKeys: UnknownKeys = "each"): Problem[] {
  const problems = zodIssues.flatMap((issue): Problem[] =>
    issue.code === "unrecognized_keys" && unknownKeys === "each"
      ? issue.keys.map((key) => ({ at: [...issue.path, key], message: "unknown field" }))
      : [{ at: [...issue.path], message: issue.message }],
  );
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.at.map(String), p.message]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const dotted = (p: Problem): ValidationIssue => ({ path: p.at.map(String).join("."), message: p.message });

/** zod's issues as ours: the path dotted ("teams.2.name", "" for the whole input), one per unknown key, each once. */
export function issuesFromZod(zodIssues: ZodIssues): ValidationIssue[] {
  return problemsOf(zodIssues).map(dotted);
}

/**
 * A document's failed parse as one error: its issues, and a message with a line per issue under
 * `title` ("Invalid chargeback config:\n  rules[1].team: …"), `whole` naming the document itself.
 */
export function documentError(
  title: string,
  whole: string,
  zodIssues: ZodIssues,
  options: { code?: LedgerErrorCode; unknownKeys?: UnknownKeys } = {},
): LedgerError {
  const problems = problemsOf(zodIssues, options.unknownKeys);
  const lines = [...new Set(problems.map((p) => `  ${jsonPath(p.at) || whole}: ${p.message}`))];
  return new LedgerError(options.code ?? "validation", `${title}:\n${lines.join("\n")}`, {
    issues: problems.map(dotted),
  });
}

/** JSON text as a value; text that is not JSON is a documentError about the whole document. */
export function parseJsonText(text: string, title: string, whole: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = `is not valid JSON: ${describeError(error)}`;
    throw new LedgerError("validation", `${title}:\n  ${whole}: ${message}`, { issues: [{ path: "", message }] });
  }
}

/** "rules[2].team": the way a person points at a field in the JSON; an odd key is quoted: `byRegistry[" a"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key);
      return PLAIN_KEY.test(name) ? `${i === 0 ? "" : "."}${name}` : `[${JSON.stringify(name)}]`;
    })
    .join("");
}

/** A key shown bare in a path; others (empty, spaces, dots, brackets, quotes) are quoted. */
const PLAIN_KEY = /^[^\s.[\]"]+$/;

/** Where a string holding NUL is (PostgreSQL text cannot store it; the query would fail as a server error), or null. */
function pathToNul(input: unknown, path = ""): string | null {
  if (typeof input === "string") return input.includes("\u0000") ? path : null;
  if (typeof input !== "object" || input === null) return null;
  for (const [key, value] of Object.entries(input)) {
    const found = pathToNul(value, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

export type QueryParse<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A page's parameter parsing: a validation error becomes the problem the page shows (components/ui/query-problem) rather than a server error. */
export function parseQuery<T>(parse: () => T): QueryParse<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (isLedgerError(error, "validation")) return { ok: false, problem: error.message };
    throw error;
  }
}

export type UrlSearchParams = Record<string, string | string[] | undefined>;

/**
 * A dynamic route segment as a name: Next hands it over percent-encoded in some versions; a bare %
 * stays. NUL, which no name of ours holds and PostgreSQL refuses, becomes U+FFFD: not found, not a server error.
 */
export function decodeSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not percent-encoded after all: the segment is the name.
  }
  return decoded.replaceAll("\u0000", "\uFFFD");
}

/** A URL parameter's option name: `as-of` and `asOf` both name `asOf`, as `--as-of` does on the CLI. */
export function optionName(param: string): string {
  return param.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Query parameters as options by their camelCase names (a repeated one: its last value). */
export function optionsFromParams(params: Iterable<[string, string | undefined]>): Record<string, string | undefined> {
  // Through a Map: assigning ?__proto__= onto a plain object would drop it instead of refusing it as unknown.
  const options = new Map<string, string | undefined>();
  for (const [param, value] of params) options.set(optionName(param), value);
  return Object.fromEntries(options);
}

/** Next hands repeated query keys over as arrays; the views read the first value only. */
export function firstValues(searchParams: UrlSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
}

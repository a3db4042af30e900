/**
 * Conversions at the edge of the query layer: nothing BigInt or Date crosses to a component.
 * Bytes become numbers: Number.MAX_SAFE_INTEGER bytes is 8 PiB, far above any registry's limit.
 * Timestamps become ISO 8601 UTC strings, which is also what the CSV reports print.
 */
import { z } from "zod";
import { isLedgerError, LedgerError } from "@/lib/errors";

export function bytesToNumber(value: bigint): number {
  return Number(value);
}

export function optionalBytesToNumber(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

export function toIso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** A stored repository's counts and storage (lib/domain/storage's three measures), as views show them. */
export function repositoryFigures(r: {
  manifestCount: number;
  tagCount: number;
  untaggedManifestCount: number;
  logicalBytes: bigint;
  uniqueBytes: bigint;
  attributedBytes: bigint;
}) {
  return {
    manifestCount: r.manifestCount,
    tagCount: r.tagCount,
    untaggedManifestCount: r.untaggedManifestCount,
    logicalBytes: bytesToNumber(r.logicalBytes),
    uniqueBytes: bytesToNumber(r.uniqueBytes),
    attributedBytes: bytesToNumber(r.attributedBytes),
  };
}

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

export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number; pageCount: number };

export function toPage<T>(rows: T[], total: number, page: number, pageSize: number): Page<T> {
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** zod parse that fails as a LedgerError "validation" naming the offending field (HTTP 422, CLI exit 2). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = pathToNul(input);
  if (nul !== null) throw new LedgerError("validation", `${nul || "input"}: must not contain a NUL character`);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join(".") || "input";
  throw new LedgerError("validation", `${field}: ${issue.message}`);
}

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
  return Object.fromEntries(Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

import type { z } from "zod";

const MAX_REPORTED = 5;

/** `items[3].spec.containers[0].image: not a string`: a path a reader can find in the file. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, MAX_REPORTED).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_REPORTED ? `; and ${issues.length - MAX_REPORTED} more` : "";
  return lines.join("; ") + more;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(document)";
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

/**
 * A value from the upload as a message quotes it: a string or scalar as JSON, cut short; an array
 * or object by its kind only (stringifying a deeply nested one overflows the stack).
 */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}

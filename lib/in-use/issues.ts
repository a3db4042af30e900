import type { z } from "zod";
import { issuesFromZod, jsonPath } from "@/lib/validation";
import { InUseInputError } from "./input-error";

const MAX_REPORTED = 5;

/**
 * A refused upload naming each bad field: all of them as issues, the first few in the message
 * (`items[3].spec.containers[0].image: not a string; …`, a path a reader can find in the file).
 */
export function uploadError(zodIssues: readonly z.core.$ZodIssue[]): InUseInputError {
  const lines = zodIssues
    .slice(0, MAX_REPORTED)
    .map((issue) => `${jsonPath(issue.path) || "(document)"}: ${issue.message}`);
  const more = zodIssues.length > MAX_REPORTED ? `; and ${zodIssues.length - MAX_REPORTED} more` : "";
  return new InUseInputError(lines.join("; ") + more, { issues: issuesFromZod(zodIssues) });
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

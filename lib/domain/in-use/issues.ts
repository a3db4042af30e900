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

import type { ValidationIssue } from "@/lib/errors";

/** Bad in-use input (malformed JSON, a bad field, an invalid image reference); the message names where, `issues` (when given) each field. */
export class InUseInputError extends Error {
  override name = "InUseInputError";
  readonly issues?: readonly ValidationIssue[];

  constructor(message: string, options?: { issues?: readonly ValidationIssue[] }) {
    super(message);
    if (options?.issues !== undefined) this.issues = options.issues;
  }
}

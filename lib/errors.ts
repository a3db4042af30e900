/** One error type for everything we expect to go wrong, with a code callers can map (CLI exit, HTTP status). */
export type LedgerErrorCode =
  | "config" // a bad configuration value: stop start-up with the message
  | "validation" // bad input from a user: HTTP 422
  | "not_found" // HTTP 404
  | "conflict" // e.g. a sync is already running: HTTP 409
  | "unauthenticated" // nobody proved who they are: HTTP 401 (a page: sign-in)
  | "forbidden" // who they are may not do this: HTTP 403
  | "too_large" // a request body past its route's limit: HTTP 413
  | "unsupported_media_type" // a write's Content-Type is not one its route takes: HTTP 415
  | "unavailable" // a computation ran past its time limit, or what it needs is not there: HTTP 503 (retry later or narrow it)
  | "azure" // Azure (or the simulator) answered with an error
  | "internal";

/**
 * One problem with an input, the one shape the API answers and the UI places beside a field:
 * `path` is dotted from the input's root ("teams.2.name"), "" for the input as a whole.
 */
export type ValidationIssue = { path: string; message: string };

export class LedgerError extends Error {
  /** Each problem on its own; `message` summarises them for a terminal or a log. */
  readonly issues?: readonly ValidationIssue[];

  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: readonly ValidationIssue[] },
  ) {
    super(message, options);
    this.name = "LedgerError";
    if (options?.issues !== undefined) this.issues = options.issues;
  }
}

/** The error's issues; one without any is one issue about the whole input, its message. */
export function issuesOf(error: LedgerError): readonly ValidationIssue[] {
  return error.issues ?? [{ path: "", message: error.message }];
}

/** A validation error about one field: "allowEmpty: expected true or false" ("input: …" for the whole input). */
export function invalidField(path: string, message: string): LedgerError {
  return new LedgerError("validation", `${path || "input"}: ${message}`, { issues: [{ path, message }] });
}

/** An issue as one line of a list: "teams.2.name: is declared twice"; `whole` names the input itself ("(policy)"). */
export function describeIssue(issue: ValidationIssue, whole: string): string {
  return `${issue.path || whole}: ${issue.message}`;
}

export function isLedgerError(error: unknown, code?: LedgerErrorCode): error is LedgerError {
  return error instanceof LedgerError && (code === undefined || error.code === code);
}

/** A message fit for a terminal or a page: never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * A server we depend on could not be reached or refused us (network errors, and PostgreSQL's
 * connection, authentication, missing-database and shutdown classes): an operational condition
 * to report in one line, not a bug.
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return UNREACHABLE_CODES.has(code) || /^(08|28|3D|57P)/.test(code);
}

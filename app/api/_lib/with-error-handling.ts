/**
 * The one place an API route's failure becomes an HTTP answer: LedgerError codes map to
 * statuses, anything else is logged and answered with a bare 500 (no stack to the client).
 * A validation error's body also lists its issues, `[{path, message}]`, for a form to place
 * beside its fields (an error that names no field is one issue with the path "").
 */
import { bearerChallenge } from "@/lib/auth/server/bearer";
import { describeError, isLedgerError, issuesOf, type LedgerErrorCode } from "@/lib/errors";

const STATUS_BY_CODE: Partial<Record<LedgerErrorCode, number>> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
};

export function errorResponse(error: unknown): Response {
  if (isLedgerError(error)) {
    const status = STATUS_BY_CODE[error.code];
    const issues = error.code === "validation" ? { issues: issuesOf(error) } : {};
    const headers: HeadersInit = status === 401 ? { "WWW-Authenticate": bearerChallenge(error) } : {};
    if (status) return Response.json({ error: error.code, message: error.message, ...issues }, { status, headers });
  }
  console.error("[api] unexpected error:", describeError(error), error);
  return Response.json({ error: "internal", message: "Internal server error" }, { status: 500 });
}

export function withErrorHandling<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Each write route names the Content-Types it takes. None takes text/plain,
 * application/x-www-form-urlencoded or multipart/form-data: those are the types a page elsewhere
 * can post without a CORS preflight, so refusing them keeps a second wall behind the Origin check.
 */
import { LedgerError } from "@/lib/errors";

export const JSON_TYPE = "application/json";
export const CSV_TYPE = "text/csv";
/** A file sent as it is (curl --data-binary with this type): the route reads what it is. */
export const BYTES_TYPE = "application/octet-stream";

/** The request's media type, lower-cased and without parameters ("application/json; charset=utf-8" → "application/json"). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** The request's media type when `accepted` lists it; otherwise a LedgerError "unsupported_media_type" (415). */
export function requireContentType(request: Request, accepted: readonly string[]): string {
  const type = mediaTypeOf(request);
  if (accepted.includes(type)) return type;
  const got = type === "" ? "none" : JSON.stringify(type.slice(0, 100));
  throw new LedgerError("unsupported_media_type", `expected Content-Type ${accepted.join(" or ")}, got ${got}`);
}

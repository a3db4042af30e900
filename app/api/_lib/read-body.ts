/**
 * The one way a route reads its request body: as a stream, stopping at a limit. Content-Length
 * only lets an oversized body be refused before reading; a body that declares less (or nothing)
 * is still counted as it arrives, so no more than the limit is ever held in memory.
 */
import { LedgerError } from "@/lib/errors";
import { JSON_TYPE, requireContentType } from "./content-type";

const MIB = 1024 * 1024;

/** JSON documents (the stale policy, the chargeback config and its preview): a real one is a few KiB. */
export const JSON_BODY_LIMIT_BYTES = 1 * MIB;
/**
 * Uploads (`kubectl get pods -A -o json`, a FOCUS CSV): about 3,000 pods or 250,000 cost rows.
 * Larger files go through the CLIs (import-in-use, import-billing), which read files of any size.
 */
export const UPLOAD_BODY_LIMIT_BYTES = 64 * MIB;

export function describeLimit(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

function tooLarge(limitBytes: number): LedgerError {
  return new LedgerError("too_large", `request body exceeds ${describeLimit(limitBytes)}`);
}

/** The body's bytes; a LedgerError "too_large" (HTTP 413) once it passes `limitBytes`. */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A JSON route's body as text (UTF-8; invalid bytes become U+FFFD and fail the JSON parse that
 * follows); 415 unless it is sent as application/json.
 */
export async function readJsonBodyText(request: Request): Promise<string> {
  requireContentType(request, [JSON_TYPE]);
  return new TextDecoder().decode(await readBodyBytes(request, JSON_BODY_LIMIT_BYTES));
}

import { LedgerError } from "@/lib/errors";

/**
 * An upload's bytes as text: UTF-8 (a BOM is dropped), or UTF-16 with a BOM, which is what
 * Windows PowerShell 5 writes for `kubectl get pods -A -o json > pods.json`.
 */
export function decodeUpload(bytes: Uint8Array): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    throw new LedgerError("validation", `the upload is not ${encoding.toUpperCase()} text`, { cause: error });
  }
}

import { SKUS, type Sku } from "./types";

/** ARM reports "Premium"; older payloads and hand-written data may differ in case. An unknown SKU is an error, never a guess. */
export function toSku(name: string): Sku {
  const sku = SKUS.find((candidate) => candidate.toLowerCase() === name.trim().toLowerCase());
  if (!sku) throw new Error(`Unknown registry SKU "${name}" (expected one of ${SKUS.join(", ")})`);
  return sku;
}

import { invalidField } from "@/lib/errors";

/**
 * `?allowEmpty=true`: the caller's word that an import with nothing in it is meant to replace
 * what is stored. Absent or "false" means no; any other value is refused rather than guessed.
 */
export function parseAllowEmpty(url: URL): boolean {
  const value = url.searchParams.get("allowEmpty");
  if (value === null || value === "false") return false;
  if (value === "true") return true;
  throw invalidField("allowEmpty", `expected true or false, got ${JSON.stringify(value.slice(0, 50))}`);
}

/**
 * Where the upload form posts a FOCUS bill. Kept apart from chargeback-urls.ts, whose zod schema
 * would otherwise ride into the browser bundle, where zod's eval probe trips the CSP.
 */
export function billedImportUrl(month: string): string {
  return `/api/chargeback/billed?month=${encodeURIComponent(month)}`;
}

/** TanStack Query keys of the teams pages (kept beside them; see components/query/query-keys.ts for the app's). */
export const chargebackQueryKeys = {
  all: ["chargeback"] as const,
  /** The preview of one draft, keyed by the draft's JSON so equal drafts share a result. */
  preview: (documentJson: string) => [...chargebackQueryKeys.all, "preview", documentJson] as const,
};

/**
 * The JSON columns of sync_runs (written by lib/sync/run-record.ts with the keys of SyncProgress in
 * lib/sync/types.ts), read defensively: the sync writes them as it goes, so a
 * missing or older-shaped field degrades to "unknown" instead of failing the page.
 */
import { z } from "zod";

const count = z.number().int().nonnegative().nullable().catch(null).default(null);

export const syncProgressSchema = z
  .object({
    phase: z.string().nullable().catch(null).default(null),
    registriesDone: count,
    registriesTotal: count,
    repositoriesDone: count,
    repositoriesTotal: count,
    manifestBodiesFetched: count,
  })
  .catch({
    phase: null,
    registriesDone: null,
    registriesTotal: null,
    repositoriesDone: null,
    repositoriesTotal: null,
    manifestBodiesFetched: null,
  });
export type SyncProgress = z.output<typeof syncProgressSchema>;

export const syncErrorsSchema = z
  .array(
    z.object({ registry: z.string().nullable().catch(null).default(null), message: z.string().catch("unknown error") }),
  )
  .catch([]);
export type SyncError = z.output<typeof syncErrorsSchema>[number];

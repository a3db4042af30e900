import type { AzureManifest, AzureRegistry, AzureRepository, AzureTag, ManifestContent } from "../azure/types";
import type { RegistryDetails } from "../azure/arm";

/**
 * "timed out": stopped at its deadline (SYNC_TIMEOUT_MINUTES); "interrupted": its process ended
 * before finishing (found still "running" by the next sync, which holds the lock it would hold).
 */
export type SyncStatus = "running" | "succeeded" | "partial" | "failed" | "timed out" | "interrupted";

export type SyncProgress = {
  phase: "discovering" | "registries" | "done";
  registriesTotal: number;
  registriesDone: number;
  repositoriesTotal: number;
  repositoriesDone: number;
  manifestBodiesFetched: number;
  currentRegistry?: string;
};

export type SyncSummary = {
  runId: number;
  status: Exclude<SyncStatus, "running" | "interrupted">;
  registries: number;
  repositories: number;
  manifests: number;
  tags: number;
  durationMs: number;
  /** Repositories whose manifests and tags were listed (changed since the last sync). */
  repositoriesListed: number;
  manifestBodiesFetched: number;
  /** Data-plane requests sent to the registries, and the 429s among them. */
  requests: number;
  throttled: number;
  errors: { registry: string; message: string }[];
};

/** A repository whose content changed since the last successful sync: listed in full. */
export type ChangedRepository = {
  properties: AzureRepository;
  manifests: AzureManifest[];
  tags: AzureTag[];
};

/** Everything read from Azure for one registry, before anything is written. */
export type FetchedRegistry = {
  registry: AzureRegistry;
  details: RegistryDetails;
  /** Every repository name the catalog lists now. */
  repositoryNames: string[];
  /** Properties of repositories that did not change (kept as they are, lock attributes refreshed). */
  unchanged: AzureRepository[];
  changed: ChangedRepository[];
  /** Bodies fetched for digests never seen before. */
  newContents: ManifestContent[];
  /** Manifests left out (with their tags) because their bodies could not be read; the rest was read. */
  manifestErrors: ManifestError[];
};

/** A manifest whose body could not be read: the message names it and says why. */
export type ManifestError = { repository: string; digest: string; message: string };

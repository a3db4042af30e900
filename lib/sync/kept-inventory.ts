/**
 * What this process last wrote of each registry's inventory, kept between syncs so that the next
 * sync works from the difference instead of reading the registry back: each repository's blob
 * references (the storage split's input) and a key of each manifest and tag row it stored. An
 * entry is used only while the registry's stored inventory token is the one this process wrote
 * along with it: any other writer (another process's sync, a dropped registry) changes or clears
 * the token, and the next sync reads and writes everything. Entries are stored only after their
 * transaction committed. Manifests' blobs are kept apart: immutable, as their digests are.
 */
import { LRUCache } from "lru-cache";
import type { RepositoryBlobRef } from "../domain/storage";

export type BlobRefsByRepository = Map<string, RepositoryBlobRef[]>;

type Kept = { token: string; refs: BlobRefsByRepository; size: number };

/** About 200 bytes a reference: at most ~400 MB however large the estate. */
const MAX_KEPT_REFS = 2_000_000;

const kept = new LRUCache<number, Kept>({ maxSize: MAX_KEPT_REFS, sizeCalculation: (entry) => entry.size + 1 });

/** The refs this process kept for the registry, if the stored inventory is still the one it wrote. */
export function keptBlobRefs(registryId: number, storedToken: string | null): BlobRefsByRepository | undefined {
  const entry = kept.get(registryId);
  return entry && storedToken !== null && entry.token === storedToken ? entry.refs : undefined;
}

/** After commit: the refs that go with the registry's new inventory token. */
export function keepBlobRefs(registryId: number, token: string, refs: BlobRefsByRepository): void {
  let size = 0;
  for (const list of refs.values()) size += list.length;
  if (size + 1 > MAX_KEPT_REFS) kept.delete(registryId);
  else kept.set(registryId, { token, refs, size });
}

export function forgetBlobRefs(registryId: number): void {
  kept.delete(registryId);
}

/** A manifest's blobs (config and layers, each once): immutable, as its digest is. */
export type ManifestBlobs = readonly { digest: string; sizeBytes: bigint }[];

/** Manifests whose blobs this process knows; ~40 bytes a blob, so at most ~160 MB. */
const MAX_KEPT_MANIFEST_BLOBS = 4_000_000;

const manifestBlobs = new LRUCache<string, ManifestBlobs>({ maxSize: MAX_KEPT_MANIFEST_BLOBS, sizeCalculation: (blobs) => blobs.length + 1 });

export function keepManifestBlobs(manifests: Iterable<{ digest: string; blobs: readonly { digest: string; sizeBytes: number | bigint }[] }>): void {
  for (const m of manifests) {
    const seen = new Map<string, bigint>();
    for (const b of m.blobs) if (!seen.has(b.digest)) seen.set(b.digest, BigInt(b.sizeBytes));
    manifestBlobs.set(m.digest, [...seen].map(([digest, sizeBytes]) => ({ digest, sizeBytes })));
  }
}

export function keptManifestBlobs(digest: string): ManifestBlobs | undefined {
  return manifestBlobs.get(digest);
}

/**
 * What the last write stored of each repository's manifests and tags (one key of facts per row),
 * under the same token rule as the refs: a changed repository's new listing is then written as
 * its difference from these, without sending the unchanged rows to the database.
 */
export type RowKeys = { manifests: Map<string, string>; tags: Map<string, string> };
export type RowKeysByRepository = Map<string, RowKeys>;

type KeptRows = { token: string; rows: RowKeysByRepository; size: number };

/** About 150 bytes a row. */
const MAX_KEPT_ROWS = 2_000_000;

const keptRows = new LRUCache<number, KeptRows>({ maxSize: MAX_KEPT_ROWS, sizeCalculation: (entry) => entry.size + 1 });

export function keptRowKeys(registryId: number, storedToken: string | null): RowKeysByRepository | undefined {
  const entry = keptRows.get(registryId);
  return entry && storedToken !== null && entry.token === storedToken ? entry.rows : undefined;
}

export function keepRowKeys(registryId: number, token: string, rows: RowKeysByRepository): void {
  let size = 0;
  for (const r of rows.values()) size += r.manifests.size + r.tags.size;
  if (size + 1 > MAX_KEPT_ROWS) keptRows.delete(registryId);
  else keptRows.set(registryId, { token, rows, size });
}

export function forgetRowKeys(registryId: number): void {
  keptRows.delete(registryId);
}

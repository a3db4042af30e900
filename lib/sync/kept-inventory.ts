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
import type { RepositoryBlobRef } from "../storage/storage";

export type BlobRefsByRepository = Map<string, RepositoryBlobRef[]>;

/** A manifest's blobs (config and layers, each once): immutable, as its digest is. */
export type ManifestBlobs = readonly { digest: string; sizeBytes: bigint }[];

/**
 * Manifests whose blobs this process knows, each held as one flat string of "digest size" lines
 * (about 115 bytes a blob, its manifest's key included: half what objects with bigints take),
 * sized by what it holds, so at most ~180 MB.
 */
const MAX_KEPT_MANIFEST_BLOBS_BYTES = 160_000_000;

const manifestBlobs = new LRUCache<string, string>({
  maxSize: MAX_KEPT_MANIFEST_BLOBS_BYTES,
  sizeCalculation: (packed, digest) => packed.length + digest.length + 64,
});

export function keepManifestBlobs(
  manifests: Iterable<{ digest: string; blobs: readonly { digest: string; sizeBytes: number | bigint }[] }>,
): void {
  for (const m of manifests) {
    const seen = new Map<string, string>();
    for (const b of m.blobs) if (!seen.has(b.digest)) seen.set(b.digest, `${b.digest} ${b.sizeBytes}`);
    // join makes one flat string: the blobs' own digest strings are not held.
    manifestBlobs.set(m.digest, [...seen.values()].join("\n"));
  }
}

/** A digest holds no space nor newline (OCI's digest grammar), a size is an integer. */
export function keptManifestBlobs(digest: string): ManifestBlobs | undefined {
  const packed = manifestBlobs.get(digest);
  if (packed === undefined) return undefined;
  if (packed === "") return [];
  return packed.split("\n").map((line) => {
    const space = line.indexOf(" ");
    return { digest: line.slice(0, space), sizeBytes: BigInt(line.slice(space + 1)) };
  });
}

/** One key of facts per manifest (by digest) and tag (by name) a repository's last write stored. */
export type RowKeys = { manifests: Map<string, string>; tags: Map<string, string> };
export type RowKeysByRepository = Map<string, RowKeys>;

/**
 * A registry's inventory as this process last wrote it: the blob refs (absent when that write did
 * not know them all) and the row keys of the repositories it knows, with which a changed
 * repository's new listing is written as its difference.
 */
export type KeptInventory = {
  refs?: BlobRefsByRepository;
  rows: RowKeysByRepository;
};

type Kept = KeptInventory & { token: string; size: number };

/**
 * Refs and rows together; about 200 bytes each, so at most ~300 MB however large the estate: with
 * the kept manifest blobs, a worker syncing a whole `large` estate stays under 1.5 GB. A registry
 * not kept writes its next change from the stored rows instead (slower, never different).
 */
const MAX_KEPT_ITEMS = 1_500_000;

const kept = new LRUCache<number, Kept>({ maxSize: MAX_KEPT_ITEMS, sizeCalculation: (entry) => entry.size + 1 });

/** What this process kept of the registry, if the stored inventory is still the one it wrote. */
export function keptInventory(registryId: number, storedToken: string | null): KeptInventory | undefined {
  const entry = kept.get(registryId);
  return entry && storedToken !== null && entry.token === storedToken ? entry : undefined;
}

/** After commit: what goes with the registry's new inventory token. */
export function keepInventory(registryId: number, token: string, inventory: KeptInventory): void {
  let size = 0;
  for (const list of inventory.refs?.values() ?? []) size += list.length;
  for (const r of inventory.rows.values()) size += r.manifests.size + r.tags.size;
  if (size + 1 > MAX_KEPT_ITEMS) kept.delete(registryId);
  else kept.set(registryId, { ...inventory, token, size });
}

/** Tests: this process as a new one, which has kept nothing. */
export function forgetKeptInventory(): void {
  kept.clear();
  manifestBlobs.clear();
}

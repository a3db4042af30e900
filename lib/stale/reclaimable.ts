/**
 * Exact reclaimable bytes of a plan, for ONE registry: Σ sizes of the blobs referenced
 * by deleted manifests and by no kept manifest anywhere in the registry, each blob once. Blobs are
 * shared across repositories of a registry, so keptDigests must cover the whole registry, not the
 * repositories in the plan. A digest both deleted (in one repository) and kept (in another) is kept:
 * its content stays. Manifest bodies themselves (a few KiB) are not counted; bigint throughout.
 */
export type BlobRef = { digest: string; sizeBytes: bigint };

export type ReclaimableInput = {
  deletedDigests: Iterable<string>;
  keptDigests: Iterable<string>;
  /** manifest digest → its config and layer blobs (manifest_blobs ⋈ blobs); indexes have none. */
  manifestBlobs: ReadonlyMap<string, readonly BlobRef[]>;
};

export function reclaimableBytes(input: ReclaimableInput): bigint {
  const kept = new Set(input.keptDigests);
  const stillReferenced = new Set<string>();
  for (const digest of kept) for (const blob of input.manifestBlobs.get(digest) ?? []) stillReferenced.add(blob.digest);

  const freed = new Map<string, bigint>();
  for (const digest of new Set(input.deletedDigests)) {
    if (kept.has(digest)) continue;
    for (const blob of input.manifestBlobs.get(digest) ?? []) {
      if (!stillReferenced.has(blob.digest)) freed.set(blob.digest, blob.sizeBytes);
    }
  }
  let total = 0n;
  for (const sizeBytes of freed.values()) total += sizeBytes;
  return total;
}

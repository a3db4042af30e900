/**
 * Storage per repository, three ways (PRODUCT.md), over the blobs (config + layers) of each
 * repository's image manifests in one registry:
 * - logical: Σ over image manifests of their blob sizes (a blob counted once per manifest that
 *   references it; an index references no blobs itself, so it adds nothing);
 * - unique: Σ of the distinct blobs that no other repository of the registry references;
 * - attributed: each distinct blob's size split evenly among the repositories referencing it.
 *   Integer bytes: every sharer gets ⌊size / k⌋ and the remainder r = size mod k goes one byte
 *   each to r sharers, taken in name order starting at an offset derived from the blob digest
 *   (so no repository systematically collects remainders). Hence Σ attributed = stored bytes exactly.
 * All sums are bigint: a registry can hold more than 2^53 bytes.
 */

/** One row per (repository, distinct blob): how many of its manifests reference the blob. */
export type RepositoryBlobRef = {
  repository: string;
  blobDigest: string;
  sizeBytes: bigint;
  manifestRefs: number;
};

export type RepositoryStorage = { logicalBytes: bigint; uniqueBytes: bigint; attributedBytes: bigint };

export type RegistryStorage = {
  /** Distinct blob bytes of the registry: what it stores. */
  storedBytes: bigint;
  logicalBytes: bigint;
  repositories: Map<string, RepositoryStorage>;
};

export function computeRegistryStorage(
  refs: Iterable<RepositoryBlobRef>,
  repositoryNames: Iterable<string> = [],
): RegistryStorage {
  const repositories = new Map<string, RepositoryStorage>();
  const ensure = (name: string) => {
    let s = repositories.get(name);
    if (!s) repositories.set(name, (s = { logicalBytes: 0n, uniqueBytes: 0n, attributedBytes: 0n }));
    return s;
  };
  for (const name of repositoryNames) ensure(name);

  const sharers = new Map<string, { sizeBytes: bigint; repositories: string[] }>();
  for (const ref of refs) {
    ensure(ref.repository).logicalBytes += ref.sizeBytes * BigInt(ref.manifestRefs);
    let blob = sharers.get(ref.blobDigest);
    if (!blob) sharers.set(ref.blobDigest, (blob = { sizeBytes: ref.sizeBytes, repositories: [] }));
    blob.repositories.push(ref.repository);
  }

  let storedBytes = 0n;
  for (const [digest, blob] of sharers) {
    storedBytes += blob.sizeBytes;
    if (blob.repositories.length === 1) {
      // Most blobs have one repository: all of it is that repository's, unique and attributed.
      const only = ensure(blob.repositories[0]);
      only.uniqueBytes += blob.sizeBytes;
      only.attributedBytes += blob.sizeBytes;
      continue;
    }
    const names = [...new Set(blob.repositories)].sort();
    if (names.length === 1) ensure(names[0]).uniqueBytes += blob.sizeBytes;
    splitEvenly(blob.sizeBytes, names, remainderOffset(digest, names.length), (name, bytes) => {
      ensure(name).attributedBytes += bytes;
    });
  }

  let logicalBytes = 0n;
  for (const s of repositories.values()) logicalBytes += s.logicalBytes;
  return { storedBytes, logicalBytes, repositories };
}

/** Splits `total` among `names` (already sorted): the remainder goes one unit each from `offset` on, wrapping. */
export function splitEvenly(
  total: bigint,
  names: string[],
  offset: number,
  give: (name: string, amount: bigint) => void,
): void {
  const k = BigInt(names.length);
  if (k === 0n) return;
  const share = total / k;
  const remainder = Number(total % k);
  names.forEach((name, i) => {
    const position = (i - offset + names.length) % names.length;
    give(name, share + (position < remainder ? 1n : 0n));
  });
}

/** A stable offset from the digest's hex (its last 8 hex digits), so remainders spread across sharers. */
export function remainderOffset(digest: string, sharers: number): number {
  if (sharers <= 1) return 0;
  const hex = digest.slice(-8);
  const value = Number.parseInt(hex, 16);
  return Number.isNaN(value) ? 0 : value % sharers;
}

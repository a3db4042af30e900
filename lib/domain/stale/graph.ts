/**
 * The links between one repository's manifests: index → children (manifest_children) and
 * subject → referrers (subject_digest). Links to digests outside the given manifests are dropped:
 * OCI keeps an index's children and an image's referrers in the same repository, so such a link
 * points at something already gone and must not hold anything up.
 */
export type StaleManifest = {
  digest: string;
  mediaType: string | null;
  artifactType: string | null;
  /** The image this signature/SBOM/attestation refers to (OCI 1.1 `subject`). */
  subjectDigest: string | null;
  /** The platform manifests of an index; empty for an image. */
  childDigests: string[];
  createdAt: Date | null;
  lastUpdatedAt: Date | null;
  /** Delete or write disabled in ACR: `az acr repository delete` would refuse it. */
  locked: boolean;
  /** ACR's imageSize: what the manifest weighs on its own, shared layers counted in full. */
  sizeBytes: bigint;
};

export type ManifestGraph = {
  byDigest: Map<string, StaleManifest>;
  /** child digest → the digests of the indexes that list it */
  parents: Map<string, string[]>;
  /** subject digest → the digests of its referrers */
  referrers: Map<string, string[]>;
  /** the subject of a referrer when that subject is in the repository */
  subjectOf: (m: StaleManifest) => string | null;
};

export function buildGraph(manifests: readonly StaleManifest[]): ManifestGraph {
  const byDigest = new Map(manifests.map((m) => [m.digest, m]));
  const parents = new Map<string, string[]>();
  const referrers = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  const subjectOf = (m: StaleManifest) =>
    m.subjectDigest !== null && m.subjectDigest !== m.digest && byDigest.has(m.subjectDigest) ? m.subjectDigest : null;
  for (const m of [...byDigest.values()].sort(byDigestOrder)) {
    for (const child of m.childDigests) if (child !== m.digest && byDigest.has(child)) push(parents, child, m.digest);
    const subject = subjectOf(m);
    if (subject !== null) push(referrers, subject, m.digest);
  }
  return { byDigest, parents, referrers, subjectOf };
}

export function byDigestOrder(a: { digest: string }, b: { digest: string }): number {
  return a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0;
}

/**
 * An order in which to delete `digests` so no command trips over an earlier one: a referrer
 * before its subject (ACR removes referrers with their subject, so a later delete of the referrer
 * would fail and stop the script) and an index before its children (nothing then still lists a
 * child when it goes). Ties in digest order; a cycle, impossible between content digests, falls
 * back to digest order rather than looping.
 */
export function deletionOrder(digests: ReadonlySet<string>, graph: ManifestGraph): string[] {
  const after = new Map<string, string[]>(); // digest → digests that must wait for it
  const waiting = new Map<string, number>([...digests].map((d) => [d, 0]));
  const edge = (first: string, then: string) => {
    if (!digests.has(first) || !digests.has(then)) return;
    const list = after.get(first);
    if (list) list.push(then);
    else after.set(first, [then]);
    waiting.set(then, (waiting.get(then) ?? 0) + 1);
  };
  for (const digest of digests) {
    const m = graph.byDigest.get(digest);
    if (!m) continue;
    const subject = graph.subjectOf(m);
    if (subject !== null) edge(digest, subject);
    for (const child of m.childDigests) if (child !== digest) edge(digest, child);
  }
  // Kahn's algorithm in waves, each wave in digest order: deterministic and O(n log n).
  const order: string[] = [];
  for (let wave = [...digests].filter((d) => waiting.get(d) === 0).sort(); wave.length > 0; ) {
    const next: string[] = [];
    for (const digest of wave) {
      order.push(digest);
      for (const then of after.get(digest) ?? []) {
        const left = (waiting.get(then) ?? 0) - 1;
        waiting.set(then, left);
        if (left === 0) next.push(then);
      }
    }
    wave = next.sort();
  }
  const placed = new Set(order);
  const stuck = [...digests].filter((d) => !placed.has(d)).sort();
  return [...order, ...stuck];
}

/**
 * The links between one repository's manifests: index → children (manifest_children) and
 * subject → referrers (subject_digest, or cosign's tag convention `sha256-<hex>.sig|.att|.sbom`
 * when a manifest has no OCI subject). Links to digests outside the given manifests are dropped:
 * OCI keeps an index's children and an image's referrers in the same repository, so such a link
 * points at something already gone and must not hold anything up.
 */
import { compareCodePoints } from "@/lib/compare";
import { parseCosignTag, type CosignTag } from "./cosign";

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
  /**
   * The subjects of a referrer that are in the repository, in digest order: its OCI subject, or,
   * without one, the manifests its cosign tags name (one digest may sign several images).
   */
  subjectsOf: (m: StaleManifest) => readonly string[];
  /** The manifest's cosign-convention tags, whether or not their subject is in the repository, by tag name. */
  cosignTagsOf: (digest: string) => readonly CosignTag[];
};

const NONE: readonly never[] = [];

export function buildGraph(
  manifests: readonly StaleManifest[],
  tags: readonly { name: string; digest: string }[] = [],
): ManifestGraph {
  const byDigest = new Map(manifests.map((m) => [m.digest, m]));
  const cosignTags = new Map<string, CosignTag[]>();
  for (const tag of tags) {
    const cosign = parseCosignTag(tag.name);
    if (cosign === null || !byDigest.has(tag.digest)) continue;
    const list = cosignTags.get(tag.digest);
    if (list) list.push(cosign);
    else cosignTags.set(tag.digest, [cosign]);
  }
  for (const list of cosignTags.values()) list.sort((a, b) => compareCodePoints(a.tag, b.tag));
  const subjects = new Map<string, string[]>();
  for (const m of byDigest.values()) {
    if (m.subjectDigest !== null) {
      if (m.subjectDigest !== m.digest && byDigest.has(m.subjectDigest)) subjects.set(m.digest, [m.subjectDigest]);
      continue;
    }
    const named = cosignTags
      .get(m.digest)
      ?.map((t) => t.subjectDigest)
      .filter((d) => d !== m.digest && byDigest.has(d));
    if (named !== undefined && named.length > 0) subjects.set(m.digest, [...new Set(named)].sort());
  }
  const parents = new Map<string, string[]>();
  const referrers = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  const subjectsOf = (m: StaleManifest) => subjects.get(m.digest) ?? NONE;
  for (const m of [...byDigest.values()].sort(byDigestOrder)) {
    for (const child of m.childDigests) if (child !== m.digest && byDigest.has(child)) push(parents, child, m.digest);
    for (const subject of subjectsOf(m)) push(referrers, subject, m.digest);
  }
  return { byDigest, parents, referrers, subjectsOf, cosignTagsOf: (digest) => cosignTags.get(digest) ?? NONE };
}

export function byDigestOrder(a: { digest: string }, b: { digest: string }): number {
  return compareCodePoints(a.digest, b.digest);
}

/**
 * An order in which to delete `digests` so no command trips over an earlier one: a referrer
 * before its subject (ACR removes OCI referrers with their subject, so a later delete of the
 * referrer would fail and stop the script; cosign's tag-convention artifacts follow the same order) and an index before its children (nothing then still lists a
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
    for (const subject of graph.subjectsOf(m)) edge(digest, subject);
    for (const child of m.childDigests) if (child !== digest) edge(digest, child);
  }
  // Kahn's algorithm in waves, each wave in digest order: deterministic and O(n log n).
  const order: string[] = [];
  for (let wave = [...digests].filter((d) => waiting.get(d) === 0).sort(); wave.length > 0;) {
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

/**
 * The cleanup plan of one repository at an as-of date. Decisions beyond the product's rules:
 * - Untagged manifests are aged by lastUpdatedAt (createdAt when ACR reported none): ACR bumps it
 *   when a manifest loses its tags, so it approximates "untagged since"; its retention policy
 *   counts the same way. An undated manifest is never old.
 * - The untagged rule judges orphans only. A platform manifest of an index, or a referrer whose
 *   subject is in the repository, follows its parent: it goes when its last index / its subject
 *   goes, and otherwise stays without a row (no keep row per platform of every kept image).
 * - Cascades: a child goes when every index listing it goes and it has no non-candidate tag; a
 *   referrer goes with its subject whatever its tags (ACR deletes referrers with their subject).
 *   A protected child or referrer stays and gets a keep row. A protected referrer (locked, a locked
 *   tag, in use) keeps its subject too, since deleting the subject would take the referrer with it.
 * - The candidate tags of a manifest that is locked, in use, a child of a kept index or referrer
 *   of a kept image are keep rows even when other tags keep the image: a pod may pull by that tag.
 *   A manifest's locked tag protects the manifest, but its other candidate tags are untags when a
 *   non-candidate tag keeps the image anyway.
 * - Rows: one delete row per manifest (listing all its tags), one untag or keep row per tag, one
 *   keep row per protected untagged manifest. Deletes come first in a safe deletion order, then
 *   untags, then keeps. sizeBytes is the manifest's own size on every row: what the plan really
 *   frees is reclaimableBytes over the whole registry, not a sum of rows.
 * - Tags pointing at a digest missing from `manifests` rank among the tags but yield no row.
 * - cosign's tag-convention artifacts (`sha256-<hex>.sig|.att|.sbom`, no OCI subject) are referrers
 *   of the manifest the tag names, exactly as above, with two differences: ACR does not delete them
 *   with their image, so each gets its own delete row, and their tags take no keepLatest place.
 *   A shared one (one digest, several cosign tags) stays while any of its images stays. An orphan
 *   (its image not in the repository) is NOT deleted for that alone: the image may have gone, or
 *   the signer may keep signatures apart (COSIGN_REPOSITORY), or our inventory may be behind. It
 *   goes only when its tags are stale like any tag (code orphaned-artifact, saying all this), and a
 *   keep pattern such as `\.sig$` keeps every orphan.
 */
import { compareCodePoints } from "@/lib/compare";
import { candidateTagNames, isOlderThan, type StaleTag } from "./candidates";
import { buildGraph, byDigestOrder, deletionOrder, type StaleManifest } from "./graph";
import type { PolicyRules } from "./policy";
import {
  cosignKind,
  keepReason,
  protections,
  referrerKind,
  rules,
  staleTagText,
  untagText,
  type Protection,
  type ReasonCode,
  type Rule,
} from "./reasons";

export type { StaleManifest } from "./graph";
export type { StaleTag } from "./candidates";

export type RepositoryPlanInput = {
  registry: string;
  repository: string;
  manifests: StaleManifest[];
  tags: StaleTag[];
  /** Digests in use (clusters, app configs); a set wider than this repository's is harmless. */
  inUseDigests: ReadonlySet<string>;
  /** The keep patterns' verdict per tag name, when the caller matched them already (the estate's plan does, between checkpoints). */
  keptByPattern?: (tagName: string) => boolean;
  policy: PolicyRules;
  asOf: Date;
};

export type PlanAction = "delete" | "untag" | "keep";

export type PlanItem = {
  registry: string;
  repository: string;
  digest: string;
  tags: string[];
  action: PlanAction;
  reason: string;
  reasonCode: ReasonCode;
  lastUpdatedAt: Date | null;
  sizeBytes: bigint;
};

export function planRepository(input: RepositoryPlanInput): PlanItem[] {
  const { policy, asOf } = input;
  const graph = buildGraph(input.manifests, input.tags);
  const candidates = candidateTagNames(input.tags, policy, asOf, input.keptByPattern);
  const tagsOf = new Map<string, StaleTag[]>();
  for (const tag of [...input.tags].sort((a, b) => compareCodePoints(a.name, b.name))) {
    const list = tagsOf.get(tag.digest);
    if (list) list.push(tag);
    else tagsOf.set(tag.digest, [tag]);
  }
  const tagsFor = (digest: string) => tagsOf.get(digest) ?? [];
  const allCandidates = (digest: string) => tagsFor(digest).every((t) => candidates.has(t.name));
  /** What m is to these subjects: an OCI referrer's kind, or its cosign artifacts naming them. */
  const cosignFor = (m: StaleManifest, subjects: readonly string[]) =>
    graph.cosignTagsOf(m.digest).filter((t) => subjects.includes(t.subjectDigest));
  const kindOf = (m: StaleManifest, subjects: readonly string[]) => {
    const cosign = m.subjectDigest === null ? cosignFor(m, subjects) : [];
    return cosign.length > 0 ? cosignKind(cosign) : referrerKind(m.artifactType ?? m.mediaType);
  };

  const staticMemo = new Map<string, Protection[]>();
  /** Protections that do not depend on other decisions; a protected referrer passes its protection up. */
  const staticProtections = (m: StaleManifest, seen = new Set<string>()): Protection[] => {
    const known = staticMemo.get(m.digest);
    if (known) return known;
    seen.add(m.digest);
    const found: Protection[] = [];
    if (m.locked) found.push(protections.lockedManifest());
    const locked = tagsFor(m.digest)
      .filter((t) => t.locked)
      .map((t) => t.name);
    if (locked.length > 0) found.push(protections.lockedTags(locked));
    if (input.inUseDigests.has(m.digest)) found.push(protections.inUse());
    const held = (graph.referrers.get(m.digest) ?? []).filter(
      (r) => !seen.has(r) && staticProtections(graph.byDigest.get(r) as StaleManifest, seen).length > 0,
    );
    if (held.length > 0) found.push(protections.protectedReferrer(held));
    staticMemo.set(m.digest, found);
    return found;
  };

  const deleted = new Map<string, Rule>();
  const protectionsOf = (m: StaleManifest): Protection[] => {
    const found = [...staticProtections(m)];
    const keptIndexes = (graph.parents.get(m.digest) ?? []).filter((d) => !deleted.has(d));
    if (keptIndexes.length > 0) found.push(protections.childOfKeptIndex(keptIndexes));
    const keptSubjects = graph.subjectsOf(m).filter((d) => !deleted.has(d));
    if (keptSubjects.length > 0) found.push(protections.subjectKept(kindOf(m, keptSubjects), keptSubjects));
    return found;
  };
  /** The rule that would delete m given what is deleted so far, or null. */
  const ruleFor = (m: StaleManifest): Rule | null => {
    const tags = tagsFor(m.digest);
    const subjects = graph.subjectsOf(m);
    if (subjects.length > 0 && subjects.every((d) => deleted.has(d))) {
      return rules.subjectDeleted(kindOf(m, subjects), subjects, m.subjectDigest === null);
    }
    if (tags.length > 0 && allCandidates(m.digest)) {
      const stale = rules.staleTags(tags.length, policy, asOf);
      const orphanOf = subjects.length === 0 && m.subjectDigest === null ? graph.cosignTagsOf(m.digest)[0] : undefined;
      return orphanOf ? rules.orphanedArtifact(orphanOf, stale) : stale;
    }
    const indexes = graph.parents.get(m.digest) ?? [];
    if (indexes.length > 0 && indexes.every((d) => deleted.has(d)) && allCandidates(m.digest))
      return rules.indexDeleted(indexes);
    const age = m.lastUpdatedAt ?? m.createdAt;
    if (
      tags.length === 0 &&
      indexes.length === 0 &&
      subjects.length === 0 &&
      isOlderThan(age, policy.untaggedOlderThanDays, asOf)
    ) {
      return rules.untagged(age as Date, policy.untaggedOlderThanDays, asOf);
    }
    return null;
  };

  // Deleting only ever enables more deletes (cascades) and removes protections (kept parents),
  // so growing the set until nothing changes reaches the one least fixpoint, whatever the order.
  const manifests = [...graph.byDigest.values()].sort(byDigestOrder);
  for (let changed = true; changed;) {
    changed = false;
    for (const m of manifests) {
      if (deleted.has(m.digest)) continue;
      const rule = ruleFor(m);
      if (rule !== null && protectionsOf(m).length === 0) {
        deleted.set(m.digest, rule);
        changed = true;
      }
    }
  }

  const row = (
    m: StaleManifest,
    tags: string[],
    action: PlanAction,
    reasonCode: ReasonCode,
    reason: string,
    lastUpdatedAt = m.lastUpdatedAt,
  ): PlanItem => ({
    registry: input.registry,
    repository: input.repository,
    digest: m.digest,
    tags,
    action,
    reason,
    reasonCode,
    lastUpdatedAt,
    sizeBytes: m.sizeBytes,
  });
  const deletes = deletionOrder(new Set(deleted.keys()), graph).map((digest) => {
    const m = graph.byDigest.get(digest) as StaleManifest;
    const rule = deleted.get(digest) as Rule;
    return row(
      m,
      tagsFor(digest).map((t) => t.name),
      "delete",
      rule.code,
      rule.text,
    );
  });
  const untags: PlanItem[] = [];
  const keeps: PlanItem[] = [];
  for (const m of manifests) {
    if (deleted.has(m.digest)) continue;
    const tags = tagsFor(m.digest);
    const found = protectionsOf(m);
    const rule = ruleFor(m);
    if (tags.length === 0) {
      if (rule !== null) keeps.push(keepRow(m, [], found, rule.text));
      continue;
    }
    const keptTags = tags.filter((t) => !candidates.has(t.name)).map((t) => t.name);
    const beyondTagLocks = found.filter((p) => p.code !== "locked-tag");
    const stale = staleTagText(policy, asOf);
    for (const tag of tags.filter((t) => candidates.has(t.name))) {
      if (tag.locked)
        keeps.push(keepRow(m, [tag.name], [protections.lockedTags([tag.name])], stale, tag.lastUpdatedAt));
      else if (beyondTagLocks.length > 0) keeps.push(keepRow(m, [tag.name], beyondTagLocks, stale, tag.lastUpdatedAt));
      else if (keptTags.length > 0)
        untags.push(row(m, [tag.name], "untag", "other-tags-kept", untagText(keptTags), tag.lastUpdatedAt));
      else keeps.push(keepRow(m, [tag.name], found, stale, tag.lastUpdatedAt));
    }
  }
  return [...deletes, ...untags, ...keeps];

  function keepRow(
    m: StaleManifest,
    tags: string[],
    found: Protection[],
    otherwise: string,
    lastUpdatedAt = m.lastUpdatedAt,
  ): PlanItem {
    const reason = keepReason(found, otherwise);
    return row(m, tags, "keep", reason.code, reason.text, lastUpdatedAt);
  }
}

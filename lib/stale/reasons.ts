/**
 * Every plan item says why, twice: a stable code (for filters, tests and the CSV's consumers) and
 * a sentence for a reviewer. Rule codes say why something would go; protection codes say why it stays.
 */
import { isoDay } from "@/lib/calendar";
import type { CosignTag } from "./cosign";

export const RULE_CODES = ["stale-tags", "untagged", "index-deleted", "subject-deleted", "orphaned-artifact"] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** In order of precedence: a keep row's code is the first protection that applies. */
export const PROTECTION_CODES = [
  "locked-manifest",
  "locked-tag",
  "in-use",
  "child-of-kept-index",
  "subject-kept",
  "protected-referrer",
] as const;
export type ProtectionCode = (typeof PROTECTION_CODES)[number];

export type ReasonCode = RuleCode | ProtectionCode | "other-tags-kept";

export type Reason<C extends string> = { code: C; text: string };
export type Rule = Reason<RuleCode>;
export type Protection = Reason<ProtectionCode>;

type StaleRules = { olderThanDays: number; keepLatest: number };
const staleTerms = (p: StaleRules, asOf: Date) =>
  `last updated more than ${p.olderThanDays} days before ${isoDay(asOf)}, not among the repository's ${p.keepLatest} newest, matching no keep pattern`;

/** The rule a single candidate tag meets: what its keep row says would otherwise happen. */
export const staleTagText = (p: StaleRules, asOf: Date) => `tag is stale: ${staleTerms(p, asOf)}`;

/** At most three names, then a count: a reason stays one readable line. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(", ");
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** What a referrer is, from its artifact type (OCI 1.1) or media type; "referrer" when neither says. */
export function referrerKind(type: string | null): string {
  const t = (type ?? "").toLowerCase();
  if (/signature|notary|cosign.*sig|\.sig\b/.test(t)) return "signature";
  if (/spdx|cyclonedx|sbom|syft/.test(t)) return "SBOM";
  if (/in-toto|attestation|provenance|slsa|vuln|vex/.test(t)) return "attestation";
  return "referrer";
}

export const rules = {
  staleTags: (count: number, p: StaleRules, asOf: Date): Rule => ({
    code: "stale-tags",
    text: `${count === 1 ? "its only tag is" : `all ${count} tags are`} stale: ${staleTerms(p, asOf)}`,
  }),
  untagged: (at: Date, days: number, asOf: Date): Rule => ({
    code: "untagged",
    text: `untagged and last updated ${isoDay(at)}, more than ${days} days before ${isoDay(asOf)}`,
  }),
  indexDeleted: (indexes: readonly string[]): Rule => ({
    code: "index-deleted",
    text: `platform manifest referenced only by deleted ${indexes.length === 1 ? "index" : "indexes"} ${listNames(indexes)}`,
  }),
  /** `cosign`: a tag-convention artifact, which ACR leaves behind when its image goes. */
  subjectDeleted: (kind: string, subjects: readonly string[], cosign: boolean): Rule => ({
    code: "subject-deleted",
    text: `${kind} of deleted ${images(subjects)}${cosign ? ": ACR does not delete tag-convention artifacts with their image, so the plan does" : " (ACR deletes an image's referrers with it)"}`,
  }),
  /** A cosign artifact whose image is not in the repository: it goes only as any tag would. */
  orphanedArtifact: (artifact: CosignTag, staleRule: Rule): Rule => ({
    code: "orphaned-artifact",
    text: `cosign ${artifact.kind} of ${artifact.subjectDigest}, which is not in this repository (deleted, or the ${artifact.kind} is kept apart with COSIGN_REPOSITORY): ${staleRule.text}`,
  }),
};

const images = (subjects: readonly string[]) => `${subjects.length === 1 ? "image" : "images"} ${listNames(subjects)}`;

/** What a cosign-convention referrer is, naming its tags: "cosign signature (tag sha256-….sig)". */
export function cosignKind(artifacts: readonly CosignTag[]): string {
  const kinds = [...new Set(artifacts.map((a) => a.kind))].join("/");
  return `cosign ${kinds} (${artifacts.length === 1 ? "tag" : "tags"} ${listNames(artifacts.map((a) => a.tag))})`;
}

export const protections = {
  lockedManifest: (): Protection => ({
    code: "locked-manifest",
    text: "manifest is locked (delete or write disabled)",
  }),
  lockedTags: (names: readonly string[]): Protection => ({
    code: "locked-tag",
    text: `${names.length === 1 ? "tag" : "tags"} ${listNames(names)} ${names.length === 1 ? "is" : "are"} locked (delete or write disabled)`,
  }),
  inUse: (): Protection => ({ code: "in-use", text: "digest is in use" }),
  childOfKeptIndex: (indexes: readonly string[]): Protection => ({
    code: "child-of-kept-index",
    text: `platform manifest of kept ${indexes.length === 1 ? "index" : "indexes"} ${listNames(indexes)}`,
  }),
  subjectKept: (kind: string, subjects: readonly string[]): Protection => ({
    code: "subject-kept",
    text: `${kind} of kept ${images(subjects)}`,
  }),
  protectedReferrer: (referrers: readonly string[]): Protection => ({
    code: "protected-referrer",
    text: `its ${referrers.length === 1 ? "referrer" : "referrers"} ${listNames(referrers)} must stay (locked or in use), and deleting an image deletes its referrers`,
  }),
};

export function untagText(keptTags: readonly string[]): string {
  return `tag is stale but the image stays for ${keptTags.length === 1 ? "tag" : "tags"} ${listNames(keptTags)}: untagging frees no storage`;
}

/** A keep row: the protections first (the first one gives the code), then what would otherwise have happened. */
export function keepReason(found: readonly Protection[], otherwise: string): Reason<ProtectionCode> {
  const sorted = [...found].sort((a, b) => PROTECTION_CODES.indexOf(a.code) - PROTECTION_CODES.indexOf(b.code));
  return { code: sorted[0].code, text: `kept: ${sorted.map((p) => p.text).join("; ")}. Otherwise: ${otherwise}` };
}

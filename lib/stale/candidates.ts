/**
 * Which tags of one repository are stale candidates, and which untagged manifests are old
 * enough for the untagged rule. Ages compare instants in milliseconds: a tag is a candidate when
 * asOf − lastUpdatedAt is MORE than olderThanDays × 24 h, so a tag exactly olderThanDays old stays.
 * An unknown date (null) is never old: without evidence nothing becomes a candidate.
 */
import { DAY_MS } from "@/lib/calendar";
import { compareCodePoints } from "@/lib/compare";
import { anyRegexMatcher } from "@/lib/patterns/regex";
import { isCosignTag } from "./cosign";
import type { PolicyRules } from "./policy";

export type StaleTag = { name: string; digest: string; lastUpdatedAt: Date | null; locked: boolean };

/** Keep patterns are searched (unanchored) in the tag name, as `acr purge --filter` does; on RE2, so linear in the name. */
export function keepPatternMatcher(keepPatterns: readonly string[]): (tagName: string) => boolean {
  return anyRegexMatcher(keepPatterns);
}

export function isOlderThan(at: Date | null, days: number, asOf: Date): boolean {
  return at !== null && asOf.getTime() - at.getTime() > days * DAY_MS;
}

/**
 * The repository's tags newest first, by last update; at equal times the name that sorts first
 * (code-point order, locale-independent) ranks newer. Undated tags rank last so they never take
 * one of the keepLatest places from a dated tag (they are never candidates anyway).
 */
export function rankTagsNewestFirst(tags: readonly StaleTag[]): StaleTag[] {
  const time = (t: StaleTag) => t.lastUpdatedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return [...tags].sort((a, b) => time(b) - time(a) || compareCodePoints(a.name, b.name));
}

/**
 * Names of the candidate tags: older than olderThanDays, outside the keepLatest newest, matching no
 * keep pattern. cosign's `sha256-<hex>.sig|.att|.sbom` tags take no keepLatest place (each signed
 * push would otherwise push an image tag out) and get none: their manifests follow their subject.
 * keptByPattern: the keep patterns' verdict per tag name, when the caller has matched them already.
 */
export function candidateTagNames(
  tags: readonly StaleTag[],
  rules: PolicyRules,
  asOf: Date,
  keptByPattern: (tagName: string) => boolean = keepPatternMatcher(rules.keepPatterns),
): Set<string> {
  const candidates = new Set<string>();
  const consider = (tag: StaleTag) => {
    if (isOlderThan(tag.lastUpdatedAt, rules.olderThanDays, asOf) && !keptByPattern(tag.name)) candidates.add(tag.name);
  };
  const imageTags: StaleTag[] = [];
  for (const tag of tags) {
    if (isCosignTag(tag.name)) consider(tag);
    else imageTags.push(tag);
  }
  rankTagsNewestFirst(imageTags).slice(rules.keepLatest).forEach(consider);
  return candidates;
}

/**
 * Risk finding: a production-like tag (latest, prod, …) that moved to another digest in the
 * 30 days up to the as-of day. Whoever deploys by that tag got different bits from one day to
 * the next without changing a line. No saving: pinning by digest costs nothing and saves nothing.
 */
import { DAY_MS, dayStart } from "@/lib/calendar";
import { formatShortDigest } from "@/lib/format";
import type { Finding } from "../costs/types";
import { compareCodePoints } from "@/lib/compare";

export const MUTABLE_TAG_WINDOW_DAYS = 30;

/** One row of a tag's digest trail (tag_history). */
export type TagTrailEntry = {
  repository: string;
  tag: string;
  digest: string;
  seenFrom: Date;
  seenTo: Date | null;
};

export type MutableTagMove = {
  repository: string;
  tag: string;
  /** Moves (a digest replacing another) seen within the window. */
  moves: number;
  /** The digests it pointed to, newest first (at most 3). */
  lastDigests: string[];
  lastMovedAt: Date;
};

/**
 * Moves of the named tags within (asOf − windowDays, end of asOf]. A move is a trail row that
 * starts while its predecessor (the previous row of the same tag) ended at that same instant with
 * another digest: a deletion followed later by a re-push is not a move.
 */
export function findMutableTagMoves(
  trail: readonly TagTrailEntry[],
  options: { tags: readonly string[]; asOfDay: string; windowDays?: number },
): MutableTagMove[] {
  const names = new Set(options.tags);
  const end = dayStart(options.asOfDay).getTime() + DAY_MS;
  const start = end - (options.windowDays ?? MUTABLE_TAG_WINDOW_DAYS) * DAY_MS;
  const byTag = new Map<string, TagTrailEntry[]>();
  for (const entry of trail) {
    if (!names.has(entry.tag) || entry.seenFrom.getTime() >= end) continue;
    const key = `${entry.repository}\u0000${entry.tag}`;
    byTag.set(key, [...(byTag.get(key) ?? []), entry]);
  }
  const result: MutableTagMove[] = [];
  for (const entries of byTag.values()) {
    entries.sort((a, b) => a.seenFrom.getTime() - b.seenFrom.getTime());
    let moves = 0;
    let lastMovedAt: Date | null = null;
    for (let i = 1; i < entries.length; i++) {
      const [previous, current] = [entries[i - 1], entries[i]];
      const at = current.seenFrom.getTime();
      if (at < start || previous.digest === current.digest || previous.seenTo?.getTime() !== at) continue;
      moves += 1;
      lastMovedAt = current.seenFrom;
    }
    if (moves === 0 || lastMovedAt === null) continue;
    const newestFirst = entries.map((e) => e.digest).reverse();
    result.push({
      repository: entries[0].repository,
      tag: entries[0].tag,
      moves,
      lastDigests: newestFirst.slice(0, 3),
      lastMovedAt,
    });
  }
  return result.sort((a, b) => compareCodePoints(a.repository, b.repository) || compareCodePoints(a.tag, b.tag));
}

export function mutableTagFindings(
  registry: string,
  moves: readonly MutableTagMove[],
  windowDays = MUTABLE_TAG_WINDOW_DAYS,
): Finding[] {
  return moves.map((m) => ({
    registry,
    code: "mutable-tag-moved",
    title: `Production-like tag moved: ${m.repository}:${m.tag}`,
    severity: "low",
    evidence: `${m.repository}:${m.tag} moved ${m.moves} ${m.moves === 1 ? "time" : "times"} in the last ${windowDays} days (last ${m.lastMovedAt.toISOString()}); last digests, newest first: ${m.lastDigests.map(formatShortDigest).join(", ")}. Deployments by this tag changed without a change of reference: pin by digest.`,
    monthlySaving: null,
  }));
}

import "server-only";
import { getDb } from "@/lib/db";
import type { TagTrailEntry } from "@/lib/storage-history/mutable-tags";

/**
 * The trail rows the mutable-tag rule needs: the named tags' rows that were in effect at some
 * moment from `since` on (a move inside the window has its predecessor among them), by registry id.
 * Only of the tags with a row closed from `since` on: a move closes its predecessor at the move's
 * instant, so a tag whose rows in effect are all still open has not moved since. Most such tags
 * never move, and the closed rows are few (seen_to's index), so the read is of the moves alone.
 */
export async function listMutableTagTrail(
  registryIds: number[],
  tags: readonly string[],
  since: Date,
): Promise<Map<number, TagTrailEntry[]>> {
  const byRegistry = new Map<number, TagTrailEntry[]>();
  if (registryIds.length === 0 || tags.length === 0) return byRegistry;
  const db = await getDb();
  const rows = await db.$queryRaw<
    { registry_id: number; repository: string; tag: string; digest: string; seen_from: Date; seen_to: Date | null }[]
  >`
    SELECT h.registry_id, h.repository_name AS repository, h.tag, h.digest, h.seen_from, h.seen_to
    FROM (SELECT DISTINCT registry_id, repository_name, tag FROM tag_history
           WHERE seen_to >= ${since.toISOString()}::timestamp
             AND registry_id = ANY(${registryIds}) AND tag = ANY(${[...tags]})) moved
    JOIN tag_history h
      ON h.registry_id = moved.registry_id AND h.repository_name = moved.repository_name AND h.tag = moved.tag
    WHERE h.seen_to IS NULL OR h.seen_to >= ${since.toISOString()}::timestamp`;
  for (const r of rows) {
    const list = byRegistry.get(r.registry_id) ?? [];
    list.push({ repository: r.repository, tag: r.tag, digest: r.digest, seenFrom: r.seen_from, seenTo: r.seen_to });
    byRegistry.set(r.registry_id, list);
  }
  return byRegistry;
}

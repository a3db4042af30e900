import "server-only";
import { getDb } from "@/lib/db";
import type { TagTrailEntry } from "@/lib/storage-history/mutable-tags";

/**
 * The trail rows the mutable-tag rule needs: the named tags' rows that were in effect at some
 * moment from `since` on (a move inside the window has its predecessor among them), by registry id.
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
    SELECT registry_id, repository_name AS repository, tag, digest, seen_from, seen_to
    FROM tag_history
    WHERE registry_id = ANY(${registryIds}) AND tag = ANY(${[...tags]})
      AND (seen_to IS NULL OR seen_to >= ${since.toISOString()}::timestamp)`;
  for (const r of rows) {
    const list = byRegistry.get(r.registry_id) ?? [];
    list.push({ repository: r.repository, tag: r.tag, digest: r.digest, seenFrom: r.seen_from, seenTo: r.seen_to });
    byRegistry.set(r.registry_id, list);
  }
  return byRegistry;
}

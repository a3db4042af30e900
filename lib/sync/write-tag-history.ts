/**
 * The digest trail (tag_history): inside a registry's transaction, after its tags are written,
 * compare the current tags of the repositories this sync listed with the trail's open rows
 * (seen_to NULL) and record what moved, in two set-based statements per registry.
 *
 * - new tag: open a row from the tag's lastUpdatedAt (ACR's time of its last push or move), or
 *   the sync time when Azure did not report one; never later than the sync time.
 * - moved tag (other digest): close the open row and open a new one at the same instant, the new
 *   digest's lastUpdatedAt (never before the closed row's seen_from, so rows never overlap).
 * - deleted tag: close at the repository's lastUpdatedAt (the deletion updated it), else the sync time.
 * - repository the catalog no longer lists: close its open rows at the sync time.
 *
 * Only repositories whose lastUpdatedAt changed are listed, and an unchanged repository's tags did
 * not move, so nothing else needs comparing. A tag moved twice between two syncs shows only its
 * last move: the trail is as fine as the sync schedule. A registry with no trail yet (first sync,
 * or an inventory older than this feature) is seeded from all its current tags.
 */
import type { PoolClient } from "pg";

export async function writeTagHistory(
  client: PoolClient,
  registryId: number,
  repositories: { changed: string[]; removed: string[]; listed: string[] },
  syncedAt: Date,
): Promise<void> {
  if (repositories.removed.length > 0) {
    await client.query(
      `UPDATE tag_history SET seen_to = greatest(seen_from, $3::timestamp)
       WHERE registry_id = $1 AND repository_name = ANY($2::text[]) AND seen_to IS NULL`,
      [registryId, repositories.removed, syncedAt.toISOString()],
    );
  }
  // A registry without a trail yet is seeded from all its listed repositories, else the changed ones.
  if (repositories.listed.length === 0) return;
  await client.query(
    `WITH names AS (
       SELECT CASE WHEN EXISTS (SELECT 1 FROM tag_history WHERE registry_id = $1) THEN $2::text[] ELSE $4::text[] END AS names
     ),
     cur AS (
       SELECT r.name AS repository_name, t.name AS tag, t.digest,
              least(coalesce(t.last_updated_at, $3::timestamp), $3::timestamp) AS since
       FROM repositories r JOIN tags t ON t.repository_id = r.id
       WHERE r.registry_id = $1 AND r.name = ANY((SELECT names FROM names)::text[])
     ),
     closed AS (
       UPDATE tag_history h
       SET seen_to = greatest(h.seen_from, coalesce(c.since, least(coalesce(r.last_updated_at, $3::timestamp), $3::timestamp)))
       FROM tag_history o
         LEFT JOIN cur c ON c.repository_name = o.repository_name AND c.tag = o.tag
         LEFT JOIN repositories r ON r.registry_id = $1 AND r.name = o.repository_name
       WHERE o.id = h.id AND o.registry_id = $1 AND o.seen_to IS NULL AND o.repository_name = ANY((SELECT names FROM names)::text[])
         AND c.digest IS DISTINCT FROM o.digest
       RETURNING h.repository_name, h.tag, h.seen_to
     )
     INSERT INTO tag_history (registry_id, repository_name, tag, digest, seen_from)
     SELECT $1, c.repository_name, c.tag, c.digest, greatest(c.since, coalesce(x.seen_to, c.since))
     FROM cur c LEFT JOIN closed x ON x.repository_name = c.repository_name AND x.tag = c.tag
     WHERE NOT EXISTS (
       SELECT 1 FROM tag_history o
       WHERE o.registry_id = $1 AND o.repository_name = c.repository_name AND o.tag = c.tag
         AND o.seen_to IS NULL AND o.digest = c.digest
     )`,
    [registryId, repositories.changed, syncedAt.toISOString(), repositories.listed],
  );
}

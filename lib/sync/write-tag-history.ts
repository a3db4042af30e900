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
 * not move, so nothing else needs comparing; in a changed repository whose previous tags this
 * process knows (lib/sync/kept-inventory), only the tags that were added, rewritten or deleted.
 * A tag moved twice between two syncs shows only its last move: the trail is as fine as the sync
 * schedule. A registry with no trail yet (first sync, or an inventory older than this feature) is
 * seeded from all its current tags.
 */
import type { PoolClient } from "pg";
import { execute } from "../database/prepared";

export type TrailScope = {
  /** Every repository the catalog lists now (a registry without a trail yet is seeded from all). */
  listed: string[];
  /** Changed repositories whose previous tags were not known: all their tags are compared. */
  whole: string[];
  /** In the other changed repositories, the tags that were added, rewritten or deleted. */
  tags: { repository: string; tag: string }[];
  /** Repositories the catalog no longer lists. */
  removed: string[];
  /** This process wrote the registry's previous inventory and trail (lib/sync/kept-inventory). */
  known: boolean;
};

export async function writeTagHistory(
  client: PoolClient,
  registryId: number,
  scope: TrailScope,
  syncedAt: Date,
): Promise<void> {
  if (scope.removed.length > 0) {
    await execute(
      client,
      `UPDATE tag_history SET seen_to = greatest(seen_from, $3::timestamp)
       WHERE registry_id = $1 AND repository_name = ANY($2::text[]) AND seen_to IS NULL`,
      [registryId, scope.removed, syncedAt.toISOString()],
    );
  }
  if (scope.listed.length === 0) return;
  // Whole repositories: when this process wrote the previous inventory (and so the trail), the
  // changed ones it did not know; otherwise, on a registry without a trail yet, every listed one.
  const whole = scope.known
    ? scope.whole.length > 0
      ? "SELECT unnest($2::text[]) AS repository_name"
      : null
    : `SELECT unnest(CASE WHEN EXISTS (SELECT 1 FROM tag_history WHERE registry_id = $1) THEN $2::text[] ELSE $4::text[] END) AS repository_name`;
  const pairs =
    scope.tags.length > 0 || !scope.known
      ? `SELECT p.repository_name, p.tag FROM unnest($5::text[], $6::text[]) AS p(repository_name, tag)
       ${scope.known ? "" : "WHERE EXISTS (SELECT 1 FROM tag_history WHERE registry_id = $1)"}`
      : null;
  if (!whole && !pairs) return;
  const since = "least(coalesce(t.last_updated_at, $3::timestamp), $3::timestamp)";
  const cur = [
    whole &&
      `SELECT r.name AS repository_name, t.name AS tag, t.digest, ${since} AS since
              FROM whole w JOIN repositories r ON r.registry_id = $1 AND r.name = w.repository_name JOIN tags t ON t.repository_id = r.id`,
    pairs &&
      `SELECT r.name AS repository_name, t.name AS tag, t.digest, ${since} AS since
              FROM pairs p JOIN repositories r ON r.registry_id = $1 AND r.name = p.repository_name JOIN tags t ON t.repository_id = r.id AND t.name = p.tag`,
  ].filter(Boolean);
  const open = [
    whole &&
      `SELECT o.id, o.repository_name, o.tag, o.digest
              FROM whole w JOIN tag_history o ON o.registry_id = $1 AND o.repository_name = w.repository_name AND o.seen_to IS NULL`,
    pairs &&
      `SELECT o.id, o.repository_name, o.tag, o.digest
              FROM pairs p JOIN tag_history o ON o.registry_id = $1 AND o.repository_name = p.repository_name AND o.tag = p.tag AND o.seen_to IS NULL`,
  ].filter(Boolean);
  await execute(
    client,
    `WITH typed AS (SELECT $2::text[], $4::text[], $5::text[], $6::text[]), -- every parameter typed, whichever parts are used
     ${whole ? `whole AS (${whole}),` : ""} ${pairs ? `pairs AS (${pairs}),` : ""}
     cur AS (${cur.join(" UNION ALL ")}),
     open AS (${open.join(" UNION ALL ")}),
     closed AS (
       UPDATE tag_history h
       SET seen_to = greatest(h.seen_from, coalesce(c.since, least(coalesce(r.last_updated_at, $3::timestamp), $3::timestamp)))
       FROM open o
         LEFT JOIN cur c ON c.repository_name = o.repository_name AND c.tag = o.tag
         LEFT JOIN repositories r ON r.registry_id = $1 AND r.name = o.repository_name
       WHERE o.id = h.id AND c.digest IS DISTINCT FROM o.digest
       RETURNING h.repository_name, h.tag, h.seen_to
     )
     INSERT INTO tag_history (registry_id, repository_name, tag, digest, seen_from)
     SELECT $1, c.repository_name, c.tag, c.digest, greatest(c.since, coalesce(x.seen_to, c.since))
     FROM cur c LEFT JOIN closed x ON x.repository_name = c.repository_name AND x.tag = c.tag
     WHERE NOT EXISTS (SELECT 1 FROM open o WHERE o.repository_name = c.repository_name AND o.tag = c.tag AND o.digest = c.digest)`,
    [
      registryId,
      scope.whole,
      syncedAt.toISOString(),
      scope.listed,
      scope.tags.map((t) => t.repository),
      scope.tags.map((t) => t.tag),
    ],
  );
}

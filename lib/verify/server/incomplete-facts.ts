/**
 * Which manifest bodies' stored facts cannot be trusted, as one SQL fragment shared by the check
 * that reports them and the repair that deletes them. A body's facts (blob references, index
 * children) are complete when its row carries the counts the body named and the stored rows match
 * them. A row without counts was written by an earlier version (its facts may be a part); such a
 * row is never treated as known by the sync, so it matters only while a manifest holds its digest.
 * A row whose counts disagree with its rows would be trusted: it matters wherever it is.
 */

/**
 * `incomplete_facts(digest, reason, blob_count, child_count, blobs, children)`, reason one of
 * "missing" (a held digest without a body row), "unknown" (no counts), "incomplete" (fewer rows
 * than counted). To be used as a CTE: `WITH ${INCOMPLETE_FACTS} SELECT ... FROM incomplete_facts`.
 */
export const INCOMPLETE_FACTS = `
  held_digests AS (SELECT DISTINCT digest FROM manifests),
  blob_rows AS (SELECT manifest_digest AS digest, count(*)::int AS n FROM manifest_blobs GROUP BY manifest_digest),
  child_rows AS (SELECT index_digest AS digest, count(*)::int AS n FROM manifest_children GROUP BY index_digest),
  incomplete_facts AS (
    SELECT h.digest, 'missing' AS reason, NULL::int AS blob_count, NULL::int AS child_count, 0 AS blobs, 0 AS children
    FROM held_digests h WHERE NOT EXISTS (SELECT 1 FROM manifest_contents mc WHERE mc.digest = h.digest)
    UNION ALL
    SELECT mc.digest,
           CASE WHEN mc.blob_count IS NULL OR mc.child_count IS NULL THEN 'unknown' ELSE 'incomplete' END,
           mc.blob_count, mc.child_count, coalesce(b.n, 0), coalesce(c.n, 0)
    FROM manifest_contents mc
    LEFT JOIN blob_rows b ON b.digest = mc.digest
    LEFT JOIN child_rows c ON c.digest = mc.digest
    WHERE ((mc.blob_count IS NULL OR mc.child_count IS NULL) AND mc.digest IN (SELECT digest FROM held_digests))
       OR mc.blob_count <> coalesce(b.n, 0) OR mc.child_count <> coalesce(c.n, 0)
  )`;

export type IncompleteReason = "missing" | "unknown" | "incomplete";

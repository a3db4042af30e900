/**
 * The blob references reclaimableBytes needs for one registry's plan, in one query: the blobs of
 * the deleted manifests and, for exactly those blobs, every manifest of the registry that references
 * them (one object per blob, shared by every manifest that references it). Blobs no deleted manifest references cannot change the answer, so they are never read.
 * No "server-only" guard: the sync plans each registry it wrote (derived-cleanup-plan.ts).
 */
import { getDb } from "@/lib/db";
import type { BlobRef } from "@/lib/stale/reclaimable";

export async function listReclaimableBlobs(
  registryId: number,
  deletedDigests: readonly string[],
): Promise<Map<string, BlobRef[]>> {
  const manifestBlobs = new Map<string, BlobRef[]>();
  if (deletedDigests.length === 0) return manifestBlobs;
  const db = await getDb();
  // The registry's manifest_blobs first (materialized), so a base layer shared by every registry
  // is never followed into the other registries' manifests: linear in this registry's size. A base
  // layer is referenced by most manifests: each freeable blob comes once (its row numbered), and
  // each manifest once with the numbers of its freeable blobs, so a digest is never repeated per
  // reference. One statement, so the numbers and the blobs they name are of one snapshot.
  const rows = await db.$queryRaw<
    { manifestDigest: string | null; blobDigest: string | null; sizeBytes: bigint | null; blobs: number[] }[]
  >`
    WITH registry_blobs AS MATERIALIZED (
      SELECT mb.manifest_digest, mb.blob_digest FROM manifest_blobs mb
       WHERE mb.manifest_digest IN (SELECT m.digest FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.registry_id = ${registryId})
    ), freeable AS MATERIALIZED (
      SELECT f.blob_digest, b.size_bytes, (row_number() OVER (ORDER BY f.blob_digest))::int AS n
        FROM (SELECT DISTINCT blob_digest FROM registry_blobs WHERE manifest_digest = ANY(${[...new Set(deletedDigests)]})) f
        JOIN blobs b ON b.digest = f.blob_digest
    )
    SELECT NULL::text AS "manifestDigest", f.blob_digest AS "blobDigest", f.size_bytes AS "sizeBytes", ARRAY[f.n] AS blobs
      FROM freeable f
    UNION ALL
    SELECT rb.manifest_digest, NULL::text, NULL::int8, array_agg(f.n)
      FROM registry_blobs rb JOIN freeable f ON f.blob_digest = rb.blob_digest
     GROUP BY rb.manifest_digest`;
  const blobs = new Map<number, BlobRef>();
  for (const row of rows)
    if (row.manifestDigest === null) blobs.set(row.blobs[0], { digest: row.blobDigest!, sizeBytes: row.sizeBytes! });
  for (const row of rows)
    if (row.manifestDigest !== null)
      manifestBlobs.set(
        row.manifestDigest,
        row.blobs.map((n) => blobs.get(n)!),
      );
  return manifestBlobs;
}

/**
 * The blob references reclaimableBytes needs for one registry's plan, in one query: the blobs of
 * the deleted manifests and, for exactly those blobs, every manifest of the registry that references
 * them. Blobs no deleted manifest references cannot change the answer, so they are never read.
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
  // is never followed into the other registries' manifests: linear in this registry's size.
  const rows = await db.$queryRaw<{ manifestDigest: string; blobDigest: string; sizeBytes: bigint }[]>`
    WITH registry_blobs AS MATERIALIZED (
      SELECT mb.manifest_digest, mb.blob_digest FROM manifest_blobs mb
       WHERE mb.manifest_digest IN (SELECT m.digest FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.registry_id = ${registryId})
    ), freeable AS (
      SELECT DISTINCT blob_digest FROM registry_blobs WHERE manifest_digest = ANY(${[...new Set(deletedDigests)]})
    )
    SELECT rb.manifest_digest AS "manifestDigest", rb.blob_digest AS "blobDigest", b.size_bytes AS "sizeBytes"
      FROM registry_blobs rb JOIN freeable f ON f.blob_digest = rb.blob_digest JOIN blobs b ON b.digest = rb.blob_digest`;
  for (const row of rows) {
    const list = manifestBlobs.get(row.manifestDigest);
    const blob = { digest: row.blobDigest, sizeBytes: row.sizeBytes };
    if (list) list.push(blob);
    else manifestBlobs.set(row.manifestDigest, [blob]);
  }
  return manifestBlobs;
}

/**
 * The size gate's side of the inventory: which registry a login server names, and the sizes of
 * the images of a repository and architecture created before a given instant (the gated image
 * itself excluded, should it already be synced). Sized as list-image-size-trends sizes them.
 */
import "server-only";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";

export type GateRegistry = { id: number; name: string; loginServer: string };

export async function getRegistryByLoginServer(loginServer: string): Promise<GateRegistry | null> {
  const db = await getDb();
  return db.registry.findFirst({
    where: { loginServer: { equals: loginServer, mode: "insensitive" }, ...CURRENT_REGISTRY },
    orderBy: { id: "desc" },
    select: { id: true, name: true, loginServer: true },
  });
}

/** Up to `limit` sizes, oldest first, of the images created before `before` (all of them when it is null). */
export async function listPreviousImageSizes(input: {
  registryId: number;
  repository: string;
  architecture: string;
  before: Date | null;
  excludeDigest: string;
  limit: number;
}): Promise<bigint[]> {
  const db = await getDb();
  const before = input.before ?? new Date("9999-12-31T00:00:00Z");
  const rows = await db.$queryRaw<{ sizeBytes: bigint }[]>`
    SELECT SUM(b.size_bytes)::bigint AS "sizeBytes"
      FROM manifests m
      JOIN repositories r ON r.id = m.repository_id
      JOIN manifest_blobs mb ON mb.manifest_digest = m.digest
      JOIN blobs b ON b.digest = mb.blob_digest
     WHERE r.registry_id = ${input.registryId} AND r.name = ${input.repository}
       AND m.architecture = ${input.architecture} AND m.subject_digest IS NULL
       AND m.digest <> ${input.excludeDigest} AND COALESCE(m.created_at, 'epoch') < ${before}
     GROUP BY m.id
     ORDER BY MAX(m.created_at) DESC NULLS LAST, m.digest DESC
     LIMIT ${input.limit}`;
  return rows.map((r) => r.sizeBytes).reverse();
}

/**
 * What a jump is made of: the manifests pushed on a day (their creation time in the registry, a
 * UTC day), largest first, with their tags and the registry and repository they were pushed to,
 * from the current inventory. One repository's, or the whole estate's for a caller that groups
 * them itself (a team's pushes are those of the repositories the ownership rules give it). Read
 * through the manifests' created_at index: one day's pushes whatever the estate's size.
 */
import type { Pool } from "pg";
import { toRegistryTags, type OwnerRegistry } from "../../chargeback/ownership";
import { MAX_CAUSES } from "../detect";

export type PushedManifest = {
  registryId: number;
  /** The registry's name and tags, as the ownership rules read them. */
  registry: OwnerRegistry;
  repository: string;
  digest: string;
  /** The manifest's tags now, by name. */
  tags: string[];
  bytes: bigint;
};

type Row = {
  registry_id: number;
  registry: string;
  registry_tags: unknown;
  repository: string;
  digest: string;
  bytes: string;
  tags: string[];
};

/** The day's pushes, largest first (ties by digest); `only` one repository's, at most MAX_CAUSES. */
export async function listPushedManifests(
  pool: Pool,
  day: string,
  only?: { registryId: number; repository: string },
): Promise<PushedManifest[]> {
  const { rows } = await pool.query<Row>(
    `SELECT g.id AS registry_id, g.name AS registry, g.tags AS registry_tags, r.name AS repository,
            m.digest, m.size_bytes::text AS bytes,
            ARRAY(SELECT t.name FROM tags t WHERE t.repository_id = m.repository_id AND t.digest = m.digest ORDER BY t.name) AS tags
     FROM manifests m JOIN repositories r ON r.id = m.repository_id JOIN registries g ON g.id = r.registry_id
     WHERE m.created_at >= $1::date AND m.created_at < $1::date + 1
       AND ($2::int IS NULL OR (r.registry_id = $2 AND r.name = $3))
     ORDER BY m.size_bytes DESC, m.digest, g.name, r.name
     LIMIT $4`,
    [day, only?.registryId ?? null, only?.repository ?? null, only ? MAX_CAUSES : null],
  );
  return rows.map((r) => ({
    registryId: r.registry_id,
    registry: { name: r.registry, tags: toRegistryTags(r.registry_tags) },
    repository: r.repository,
    digest: r.digest,
    tags: r.tags,
    bytes: BigInt(r.bytes),
  }));
}

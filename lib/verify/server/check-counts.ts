/**
 * Counts match rows: each current registry's repository, manifest and tag counts and logical bytes
 * against its repositories' rows; each repository's manifest, tag and untagged counts against its
 * manifests and tags; each manifest's tag count against the tags on it. The untagged count is
 * derived here from the rows themselves (no tag points at it, no index of its repository lists it
 * as a child, it refers to no manifest of its repository), independently of the sync's columns.
 */
import type { PoolClient } from "pg";
import { currentRegistrySql } from "@/lib/storage/server/current-registries";
import type { FoundViolation } from "../violations";

type RegistryRow = {
  registry_id: number;
  registry: string;
  repository_count: number;
  manifest_count: number;
  tag_count: number;
  logical_bytes: string;
  repositories: number;
  manifests: number;
  tags: number;
  logical: string;
};
type RepositoryRow = {
  registry_id: number;
  registry: string;
  repository: string;
  manifest_count: number;
  tag_count: number;
  untagged_manifest_count: number;
  manifests: number;
  tags: number;
  untagged: number;
};
type ManifestRow = {
  registry_id: number;
  registry: string;
  repository: string;
  wrong: number;
  digest: string;
  tag_count: number;
  tags: number;
};

export async function checkCounts(client: PoolClient): Promise<FoundViolation[]> {
  // One client in one transaction: the statements run one after another. Set-based (each table
  // read once), so the time grows with the rows, not with rows × repositories.
  const registries = await client.query<RegistryRow>(
    `WITH repository_rows AS (SELECT registry_id, count(*)::int AS n, sum(logical_bytes) AS logical FROM repositories GROUP BY registry_id),
     manifest_rows AS (SELECT r.registry_id, count(*)::int AS n FROM manifests m JOIN repositories r ON r.id = m.repository_id GROUP BY r.registry_id),
     tag_rows AS (SELECT r.registry_id, count(*)::int AS n FROM tags t JOIN repositories r ON r.id = t.repository_id GROUP BY r.registry_id)
     SELECT g.id AS registry_id, g.name AS registry, g.repository_count, g.manifest_count, g.tag_count, g.logical_bytes::text,
            coalesce(rr.n, 0) AS repositories, coalesce(mr.n, 0) AS manifests, coalesce(tr.n, 0) AS tags, coalesce(rr.logical, 0)::text AS logical
     FROM registries g
     LEFT JOIN repository_rows rr ON rr.registry_id = g.id
     LEFT JOIN manifest_rows mr ON mr.registry_id = g.id
     LEFT JOIN tag_rows tr ON tr.registry_id = g.id
     WHERE ${currentRegistrySql("g")}
       AND (g.repository_count, g.manifest_count, g.tag_count, g.logical_bytes)
           IS DISTINCT FROM (coalesce(rr.n, 0), coalesce(mr.n, 0), coalesce(tr.n, 0), coalesce(rr.logical, 0))
     ORDER BY g.name, g.id`,
  );
  const repositories = await client.query<RepositoryRow>(
    `WITH manifest_rows AS (SELECT repository_id, count(*)::int AS n FROM manifests GROUP BY repository_id),
     tag_rows AS (SELECT repository_id, count(*)::int AS n FROM tags GROUP BY repository_id),
     untagged_rows AS (
       SELECT m.repository_id, count(*)::int AS n FROM manifests m
       WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.repository_id = m.repository_id AND t.digest = m.digest)
         AND NOT EXISTS (SELECT 1 FROM manifest_children mc JOIN manifests p ON p.digest = mc.index_digest AND p.repository_id = m.repository_id
                         WHERE mc.child_digest = m.digest)
         AND NOT EXISTS (SELECT 1 FROM manifests s WHERE s.repository_id = m.repository_id AND s.digest = m.subject_digest)
       GROUP BY m.repository_id
     )
     SELECT g.id AS registry_id, g.name AS registry, r.name AS repository, r.manifest_count, r.tag_count, r.untagged_manifest_count,
            coalesce(mr.n, 0) AS manifests, coalesce(tr.n, 0) AS tags, coalesce(ur.n, 0) AS untagged
     FROM repositories r JOIN registries g ON g.id = r.registry_id
     LEFT JOIN manifest_rows mr ON mr.repository_id = r.id
     LEFT JOIN tag_rows tr ON tr.repository_id = r.id
     LEFT JOIN untagged_rows ur ON ur.repository_id = r.id
     WHERE (r.manifest_count, r.tag_count, r.untagged_manifest_count) IS DISTINCT FROM (coalesce(mr.n, 0), coalesce(tr.n, 0), coalesce(ur.n, 0))
     ORDER BY g.name, g.id, r.name`,
  );
  const manifests = await client.query<ManifestRow>(
    `WITH wrong AS (
       SELECT m.repository_id, m.digest, m.tag_count, count(t.id)::int AS tags
       FROM manifests m LEFT JOIN tags t ON t.repository_id = m.repository_id AND t.digest = m.digest
       GROUP BY m.id HAVING m.tag_count <> count(t.id)
     )
     SELECT g.id AS registry_id, g.name AS registry, r.name AS repository, count(*)::int AS wrong,
            (array_agg(w.digest ORDER BY w.digest))[1] AS digest,
            (array_agg(w.tag_count ORDER BY w.digest))[1] AS tag_count, (array_agg(w.tags ORDER BY w.digest))[1] AS tags
     FROM wrong w JOIN repositories r ON r.id = w.repository_id JOIN registries g ON g.id = r.registry_id
     GROUP BY g.id, g.name, r.name ORDER BY g.name, g.id, r.name`,
  );
  const violations: FoundViolation[] = [];
  for (const g of registries.rows) {
    const wrong = differences([
      ["repository count", g.repository_count, g.repositories],
      ["manifest count", g.manifest_count, g.manifests],
      ["tag count", g.tag_count, g.tags],
      ["logical bytes", g.logical_bytes, g.logical],
    ]);
    violations.push({
      check: "counts",
      registryId: g.registry_id,
      registry: g.registry,
      message: `registry ${wrong.map((d) => d.message).join(", ")}`,
      affects: `${wrong.map((d) => d.name).join(", ")} of ${g.registry} (registries list, overview, its snapshots from now on)`,
    });
  }
  for (const r of repositories.rows) {
    const wrong = differences([
      ["manifest count", r.manifest_count, r.manifests],
      ["tag count", r.tag_count, r.tags],
      ["untagged count", r.untagged_manifest_count, r.untagged],
    ]);
    violations.push({
      check: "counts",
      registryId: r.registry_id,
      registry: r.registry,
      repository: r.repository,
      message: `repository ${wrong.map((d) => d.message).join(", ")}`,
      affects: `${wrong.map((d) => d.name).join(", ")} of ${r.repository} in ${r.registry} (repositories list, stale tags, its snapshots from now on)`,
    });
  }
  for (const m of manifests.rows) {
    const which = m.wrong === 1 ? `manifest ${m.digest}` : `${m.wrong} manifests (first ${m.digest})`;
    violations.push({
      check: "counts",
      registryId: m.registry_id,
      registry: m.registry,
      repository: m.repository,
      digest: m.digest,
      message: `${which}: tag count ${m.tag_count}, ${m.tags} tags point at it`,
      affects: `tag counts and untagged count of ${m.repository} in ${m.registry} (stale tags and cleanup plan)`,
    });
  }
  return violations;
}

function differences(pairs: [name: string, stored: number | string, rows: number | string][]) {
  return pairs
    .filter(([, stored, rows]) => String(stored) !== String(rows))
    .map(([name, stored, rows]) => ({ name, message: `${name} ${stored}, rows say ${rows}` }));
}

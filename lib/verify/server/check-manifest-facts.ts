/**
 * Every manifest's facts complete: each digest a repository holds has its body's row with the
 * counts it named, and as many blob references and children stored as counted. Reported per
 * repository and reason (an estate written by an earlier version has every body without counts),
 * naming the first digest.
 */
import type { PoolClient } from "pg";
import { repositoryStorageFigures, type FoundViolation } from "../violations";
import { INCOMPLETE_FACTS, type IncompleteReason } from "./incomplete-facts";

type Row = {
  registry_id: number | null;
  registry: string | null;
  repository: string | null;
  reason: IncompleteReason;
  digests: number;
  digest: string;
  blob_count: number | null;
  child_count: number | null;
  blobs: number;
  children: number;
};

export async function checkManifestFacts(client: PoolClient): Promise<FoundViolation[]> {
  const { rows } = await client.query<Row>(
    `WITH ${INCOMPLETE_FACTS},
     placed AS (
       SELECT f.*, g.id AS registry_id, g.name AS registry, r.name AS repository
       FROM incomplete_facts f
       LEFT JOIN manifests m ON m.digest = f.digest
       LEFT JOIN repositories r ON r.id = m.repository_id
       LEFT JOIN registries g ON g.id = r.registry_id
     )
     SELECT registry_id, registry, repository, reason, count(*)::int AS digests,
            (array_agg(digest ORDER BY digest))[1] AS digest,
            (array_agg(blob_count ORDER BY digest))[1] AS blob_count, (array_agg(child_count ORDER BY digest))[1] AS child_count,
            (array_agg(blobs ORDER BY digest))[1] AS blobs, (array_agg(children ORDER BY digest))[1] AS children
     FROM placed
     GROUP BY registry_id, registry, repository, reason
     ORDER BY registry NULLS LAST, registry_id, repository, reason`,
  );
  return rows.map((row) => ({
    check: "manifest-facts",
    ...(row.registry_id === null
      ? {}
      : { registryId: row.registry_id, registry: row.registry!, repository: row.repository! }),
    digest: row.digest,
    message: describe(row),
    affects:
      row.registry === null
        ? "no figure now (no repository holds these digests); a later sync would trust these facts for any repository that pushes them again"
        : `${repositoryStorageFigures(row.registry, row.repository!)}; the untagged count of ${row.repository}`,
  }));
}

function describe(row: Row): string {
  const which = row.digests === 1 ? `manifest ${row.digest}` : `${row.digests} manifests (first ${row.digest})`;
  const unheld = row.registry === null ? ", held by no repository" : "";
  switch (row.reason) {
    case "missing":
      return `${which}: no stored body facts`;
    case "unknown":
      return `${which}${unheld}: facts of unknown completeness (written by an earlier version without counts)`;
    case "incomplete":
      return `${which}${unheld}: facts incomplete (${row.blobs} of ${row.blob_count} blob references, ${row.children} of ${row.child_count} children stored)`;
  }
}

/**
 * Repositories' attributed bytes sum to their registry's stored bytes (lib/storage/storage splits
 * each distinct blob exactly), and the stored bytes are the distinct blobs its manifests' rows
 * reference. Current registries only: a removed registry keeps its last figures for history.
 */
import type { PoolClient } from "pg";
import { currentRegistrySql } from "@/lib/storage/server/current-registries";
import { registryStorageFigures, type FoundViolation } from "../violations";

type Row = { registry_id: number; registry: string; stored: string; attributed: string; from_rows: string };

export async function checkStoredBytes(client: PoolClient): Promise<FoundViolation[]> {
  const { rows } = await client.query<Row>(
    `WITH attributed AS (
       SELECT registry_id, sum(attributed_bytes) AS bytes FROM repositories GROUP BY registry_id
     ),
     referenced AS (
       SELECT DISTINCT r.registry_id, mb.blob_digest
       FROM repositories r JOIN manifests m ON m.repository_id = r.id JOIN manifest_blobs mb ON mb.manifest_digest = m.digest
     ),
     from_rows AS (
       SELECT x.registry_id, sum(b.size_bytes) AS bytes FROM referenced x JOIN blobs b ON b.digest = x.blob_digest GROUP BY x.registry_id
     )
     SELECT g.id AS registry_id, g.name AS registry, g.stored_bytes::text AS stored,
            coalesce(a.bytes, 0)::text AS attributed, coalesce(f.bytes, 0)::text AS from_rows
     FROM registries g
     LEFT JOIN attributed a ON a.registry_id = g.id
     LEFT JOIN from_rows f ON f.registry_id = g.id
     WHERE ${currentRegistrySql("g")} AND (g.stored_bytes <> coalesce(a.bytes, 0) OR g.stored_bytes <> coalesce(f.bytes, 0))
     ORDER BY g.name, g.id`,
  );
  const violations: FoundViolation[] = [];
  for (const row of rows) {
    const base = { check: "stored-bytes" as const, registryId: row.registry_id, registry: row.registry };
    if (row.attributed !== row.stored) {
      violations.push({
        ...base,
        message: `its repositories' attributed bytes sum to ${row.attributed}, its stored bytes are ${row.stored}`,
        affects: `attributed bytes of the repositories of ${row.registry}, and so its teams' storage chargeback`,
      });
    }
    if (row.from_rows !== row.stored) {
      violations.push({
        ...base,
        message: `its stored bytes are ${row.stored}, the distinct blobs its manifests reference hold ${row.from_rows}`,
        affects: registryStorageFigures(row.registry),
      });
    }
  }
  return violations;
}

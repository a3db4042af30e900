/**
 * The repositories whose attributed bytes jumped on a day (lib/anomalies/detect.ts), each with
 * what it is made of: the manifests pushed into the repository that day (list-pushed-manifests.ts).
 * A cheap pass first: only repositories that rose by more than the floor since their previous
 * snapshot are read over the 30 days the threshold is taken from, so the pass costs one indexed
 * read of two days whatever the estate's size.
 */
import type { Pool } from "pg";
import { addDays } from "../../calendar";
import type { ChargebackConfig } from "../../chargeback/config";
import { ownerResolver, toRegistryTags } from "../../chargeback/ownership";
import { ANOMALY_WINDOW_DAYS, detectJumps, REPOSITORY_FLOOR_BYTES, type Jump } from "../detect";
import { listPushedManifests } from "./list-pushed-manifests";

export type RepositoryJump = Jump & {
  registry: string;
  repository: string;
  team: string;
  causes: { digest: string; tags: string[]; bytes: bigint }[];
};

/** A repository's previous snapshot is looked for this many days back (syncs may skip days). */
const PREVIOUS_WITHIN_DAYS = 7;

type Candidate = { registry_id: number; registry: string; tags: unknown; repository: string };

export async function findRepositoryJumps(
  pool: Pool,
  day: string,
  config: ChargebackConfig,
): Promise<RepositoryJump[]> {
  const { rows: candidates } = await pool.query<Candidate>(
    `WITH recent AS (
       SELECT registry_id, repository_name, day, attributed_bytes,
              attributed_bytes - lag(attributed_bytes) OVER (PARTITION BY registry_id, repository_name ORDER BY day) AS rise
       FROM repository_snapshots
       WHERE day BETWEEN $1::date - $3::int AND $1::date)
     SELECT r.id AS registry_id, r.name AS registry, r.tags, recent.repository_name AS repository
     FROM recent JOIN registries r ON r.id = recent.registry_id
     WHERE recent.day = $1::date AND recent.rise > $2::bigint
     ORDER BY r.name, recent.repository_name`,
    [day, REPOSITORY_FLOOR_BYTES.toString(), PREVIOUS_WITHIN_DAYS],
  );
  const owner = ownerResolver(config);
  const jumps: RepositoryJump[] = [];
  for (const candidate of candidates) {
    const { rows } = await pool.query<{ day: string; value: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, attributed_bytes::text AS value FROM repository_snapshots
       WHERE registry_id = $1 AND repository_name = $2 AND day BETWEEN $3::date AND $4::date
       ORDER BY day`,
      [candidate.registry_id, candidate.repository, addDays(day, -(ANOMALY_WINDOW_DAYS + 1)), day],
    );
    const jump = detectJumps(
      rows.map((r) => ({ day: r.day, value: BigInt(r.value) })),
      REPOSITORY_FLOOR_BYTES,
    ).find((j) => j.day === day);
    if (!jump) continue;
    const registry = { name: candidate.registry, tags: toRegistryTags(candidate.tags) };
    jumps.push({
      ...jump,
      registry: candidate.registry,
      repository: candidate.repository,
      team: owner(registry, candidate.repository).team,
      causes: (
        await listPushedManifests(pool, day, { registryId: candidate.registry_id, repository: candidate.repository })
      ).map(({ digest, tags, bytes }) => ({ digest, tags, bytes })),
    });
  }
  return jumps;
}

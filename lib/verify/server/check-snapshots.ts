/**
 * Each synced day has its snapshots (lib/sync/update-storage.ts writeSnapshots writes a registry's
 * row and one row per repository, in the registry's transaction, for the sync's UTC day):
 * - a registry synced successfully on a day (a succeeded registry result of a run as of that day,
 *   or its last sync) has a registry snapshot of that day;
 * - a registry snapshot has as many repository snapshots as its repository count;
 * - on a current registry's last synced day, the snapshots equal the inventory they were written from.
 */
import type { PoolClient } from "pg";
import { currentRegistrySql } from "@/lib/storage/server/current-registries";
import { monthOfDay } from "@/lib/calendar";
import type { FoundViolation } from "../violations";

type MissingRow = { registry_id: number; registry: string; day: string; run_id: number | null };
type CountRow = { registry_id: number; registry: string; day: string; repository_count: number; repositories: number };
type LatestRow = {
  registry_id: number;
  registry: string;
  day: string;
  repository: string | null;
  state: "missing" | "extra" | "differs";
  figures: string | null;
};

const FIGURES = [
  "manifest_count",
  "tag_count",
  "untagged_manifest_count",
  "logical_bytes",
  "unique_bytes",
  "attributed_bytes",
];
const REGISTRY_FIGURES = ["repository_count", "manifest_count", "tag_count", "logical_bytes", "stored_bytes"];

/** Registries whose last synced day is compared with their inventory (the other days are checked by count). */
const LATEST = `latest AS (
  SELECT g.id, g.name, g.last_synced_at::date AS day FROM registries g
  WHERE ${currentRegistrySql("g")} AND g.last_synced_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM registry_snapshots s WHERE s.registry_id = g.id AND s.day = g.last_synced_at::date))`;

export async function checkSnapshots(client: PoolClient): Promise<FoundViolation[]> {
  const missing = await client.query<MissingRow>(
    `WITH synced AS (
       SELECT g.id, s.as_of::date AS day, max(s.id) AS run_id
       FROM sync_registry_results x JOIN sync_runs s ON s.id = x.sync_run_id JOIN registries g ON g.arm_id = x.registry_arm_id
       WHERE x.status = 'succeeded' GROUP BY g.id, s.as_of::date
       UNION ALL
       SELECT g.id, g.last_synced_at::date, NULL FROM registries g WHERE ${currentRegistrySql("g")} AND g.last_synced_at IS NOT NULL
     )
     SELECT g.id AS registry_id, g.name AS registry, to_char(y.day, 'YYYY-MM-DD') AS day, max(y.run_id) AS run_id
     FROM synced y JOIN registries g ON g.id = y.id
     WHERE NOT EXISTS (SELECT 1 FROM registry_snapshots s WHERE s.registry_id = y.id AND s.day = y.day)
     GROUP BY g.id, g.name, y.day ORDER BY g.name, g.id, y.day`,
  );
  const counts = await client.query<CountRow>(
    `WITH ${LATEST},
     per_day AS (SELECT registry_id, day, count(*)::int AS n FROM repository_snapshots GROUP BY registry_id, day)
     SELECT g.id AS registry_id, g.name AS registry, to_char(s.day, 'YYYY-MM-DD') AS day, s.repository_count, coalesce(p.n, 0) AS repositories
     FROM registry_snapshots s JOIN registries g ON g.id = s.registry_id
     LEFT JOIN per_day p ON p.registry_id = s.registry_id AND p.day = s.day
     WHERE NOT EXISTS (SELECT 1 FROM latest l WHERE l.id = s.registry_id AND l.day = s.day)
       AND s.repository_count <> coalesce(p.n, 0)
     ORDER BY g.name, g.id, s.day`,
  );
  const figures = (alias: string, columns: string[]) => columns.map((c) => `${alias}.${c}`).join(", ");
  const latest = await client.query<LatestRow>(
    `WITH ${LATEST},
     now_rows AS (SELECT l.id, l.day, r.name, ${figures("r", FIGURES)} FROM latest l JOIN repositories r ON r.registry_id = l.id),
     day_rows AS (SELECT l.id, l.day, p.repository_name AS name, ${figures("p", FIGURES)}
                  FROM latest l JOIN repository_snapshots p ON p.registry_id = l.id AND p.day = l.day),
     compared AS (
       SELECT coalesce(n.id, d.id) AS id, coalesce(n.day, d.day) AS day, coalesce(n.name, d.name) AS repository,
              CASE WHEN d.name IS NULL THEN 'missing' WHEN n.name IS NULL THEN 'extra' ELSE 'differs' END AS state,
              CASE WHEN n.name IS NOT NULL AND d.name IS NOT NULL
                   THEN concat_ws(', ', ${FIGURES.map((c) => `CASE WHEN n.${c} IS DISTINCT FROM d.${c} THEN '${c.replaceAll("_", " ")} ' || d.${c} || ' (now ' || n.${c} || ')' END`).join(", ")}) END AS figures
       FROM now_rows n FULL JOIN day_rows d ON d.id = n.id AND d.name = n.name
       WHERE n.name IS NULL OR d.name IS NULL OR (${figures("n", FIGURES)}) IS DISTINCT FROM (${figures("d", FIGURES)})
       UNION ALL
       SELECT l.id, l.day, NULL, 'differs',
              concat_ws(', ', ${REGISTRY_FIGURES.map((c) => `CASE WHEN s.${c} IS DISTINCT FROM g.${c} THEN '${c.replaceAll("_", " ")} ' || s.${c} || ' (now ' || g.${c} || ')' END`).join(", ")})
       FROM latest l JOIN registries g ON g.id = l.id JOIN registry_snapshots s ON s.registry_id = l.id AND s.day = l.day
       WHERE (${figures("s", REGISTRY_FIGURES)}) IS DISTINCT FROM (${figures("g", REGISTRY_FIGURES)})
     )
     SELECT c.id AS registry_id, g.name AS registry, to_char(c.day, 'YYYY-MM-DD') AS day, c.repository, c.state, c.figures
     FROM compared c JOIN registries g ON g.id = c.id ORDER BY g.name, g.id, c.repository NULLS FIRST`,
  );

  const violations: FoundViolation[] = [];
  for (const m of missing.rows) {
    violations.push({
      check: "snapshots",
      registryId: m.registry_id,
      registry: m.registry,
      day: m.day,
      message: `synced successfully on ${m.day}${m.run_id === null ? "" : ` (run #${m.run_id})`} but no registry snapshot of that day is stored`,
      affects: dayFigures(m.registry, m.day, "its cost that day (carried forward from an earlier day)"),
    });
  }
  for (const c of counts.rows) {
    violations.push({
      check: "snapshots",
      registryId: c.registry_id,
      registry: c.registry,
      day: c.day,
      message: `the snapshot of ${c.day} counts ${c.repository_count} repositories, ${c.repositories} repository snapshots are stored`,
      affects: dayFigures(c.registry, c.day, "its repositories' history that day"),
    });
  }
  for (const l of latest.rows) {
    const what =
      l.repository === null ? `the registry snapshot of ${l.day}` : `the snapshot of ${l.repository} on ${l.day}`;
    const message =
      l.state === "missing"
        ? `${what} is missing (the repository is in the inventory)`
        : l.state === "extra"
          ? `${what} is stored but the repository is not in the inventory`
          : `${what} differs from the inventory it was written from: ${l.figures}`;
    violations.push({
      check: "snapshots",
      registryId: l.registry_id,
      registry: l.registry,
      ...(l.repository === null ? {} : { repository: l.repository }),
      day: l.day,
      message,
      affects: dayFigures(
        l.registry,
        l.day,
        l.repository === null ? "its figures that day" : `the history of ${l.repository} that day`,
      ),
    });
  }
  return violations;
}

function dayFigures(registry: string, day: string, what: string): string {
  return `${what} in ${registry}: storage history and trends, and the chargeback of ${monthOfDay(day)} (teams' storage shares)`;
}

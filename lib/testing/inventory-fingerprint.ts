/**
 * Test support: everything a sync stores, as comparable rows keyed by names (never by surrogate
 * ids, which depend on write order), without what legitimately differs between two syncs of the
 * same estate: ids, the random inventory token and the description of the read written with it
 * (its task runs are a window that moves with what is stored), fetch times and the sync runs' own
 * records. Two inventories with equal fingerprints answer every page and report the same.
 */
import type { Pool } from "pg";

/** Per table, its rows as sorted JSON texts. Tables tied to a registry carry its name first. */
export type Fingerprint = Record<string, string[]>;

const REGISTRY = "(SELECT name FROM registries g WHERE g.id = x.registry_id)";
const REPOSITORY = `(SELECT g.name || '/' || r.name FROM repositories r JOIN registries g ON g.id = r.registry_id WHERE r.id = x.repository_id)`;

/** Table → a query returning one `row` text per row; `registry` names the registry where one applies. */
const TABLES: Record<string, string> = {
  subscriptions: "SELECT NULL AS registry, (to_jsonb(x))::text AS row FROM subscriptions x",
  registries:
    "SELECT x.name AS registry, (to_jsonb(x) - 'id' - 'inventory_token' - 'written_read')::text AS row FROM registries x",
  registry_usages: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'registry_id')::text AS row FROM registry_usages x`,
  replications: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'registry_id')::text AS row FROM replications x`,
  webhooks: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'registry_id')::text AS row FROM webhooks x`,
  tasks: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'registry_id')::text AS row FROM tasks x`,
  task_runs: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'registry_id')::text AS row FROM task_runs x`,
  repositories: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'id' - 'registry_id')::text AS row FROM repositories x`,
  manifests: `SELECT split_part(${REPOSITORY}, '/', 1) AS registry,
                (jsonb_build_object('repository', ${REPOSITORY}) || (to_jsonb(x) - 'id' - 'repository_id'))::text AS row FROM manifests x`,
  tags: `SELECT split_part(${REPOSITORY}, '/', 1) AS registry,
           (jsonb_build_object('repository', ${REPOSITORY}) || (to_jsonb(x) - 'id' - 'repository_id'))::text AS row FROM tags x`,
  manifest_contents: "SELECT NULL AS registry, (to_jsonb(x) - 'fetched_at')::text AS row FROM manifest_contents x",
  blobs: "SELECT NULL AS registry, (to_jsonb(x))::text AS row FROM blobs x",
  manifest_blobs: "SELECT NULL AS registry, (to_jsonb(x))::text AS row FROM manifest_blobs x",
  manifest_children: "SELECT NULL AS registry, (to_jsonb(x))::text AS row FROM manifest_children x",
  registry_snapshots: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'registry_id')::text AS row FROM registry_snapshots x`,
  repository_snapshots: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'registry_id')::text AS row FROM repository_snapshots x`,
  tag_history: `SELECT ${REGISTRY} AS registry, (to_jsonb(x) - 'id' - 'registry_id')::text AS row FROM tag_history x`,
  in_use_imports: "SELECT NULL AS registry, (to_jsonb(x) - 'id' - 'imported_at')::text AS row FROM in_use_imports x",
  in_use_image_references: `SELECT NULL AS registry,
      (jsonb_build_object('import', (SELECT cluster_name FROM in_use_imports i WHERE i.id = x.import_id)) || (to_jsonb(x) - 'id' - 'import_id'))::text AS row
    FROM in_use_image_references x`,
};

/** Tables that hold one registry's inventory (what a registry's transaction writes). */
export const REGISTRY_TABLES = Object.keys(TABLES).filter(
  (t) => TABLES[t].includes("AS registry") && !TABLES[t].startsWith("SELECT NULL"),
);

export async function fingerprintInventory(pool: Pool): Promise<Fingerprint> {
  const result: Fingerprint = {};
  for (const [table, sql] of Object.entries(TABLES)) {
    const { rows } = await pool.query<{ registry: string | null; row: string }>(sql);
    result[table] = rows.map((r) => (r.registry === null ? r.row : `${r.registry}\t${r.row}`)).sort();
  }
  return result;
}

/** One registry's part of a fingerprint (the tables its transaction writes). */
export function registryPart(fingerprint: Fingerprint, registry: string): Fingerprint {
  const part: Fingerprint = {};
  for (const table of REGISTRY_TABLES)
    part[table] = fingerprint[table].filter((row) => row.startsWith(`${registry}\t`));
  return part;
}

/** Human-readable differences (first few rows per table), empty when the two are equal. */
export function diffFingerprints(actual: Fingerprint, expected: Fingerprint, limit = 3): string[] {
  const lines: string[] = [];
  for (const table of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const a = new Set(actual[table] ?? []);
    const e = new Set(expected[table] ?? []);
    const missing = [...e].filter((r) => !a.has(r));
    const extra = [...a].filter((r) => !e.has(r));
    if (missing.length === 0 && extra.length === 0) continue;
    lines.push(`${table}: ${missing.length} missing, ${extra.length} unexpected`);
    for (const r of missing.slice(0, limit)) lines.push(`  - ${r.slice(0, 300)}`);
    for (const r of extra.slice(0, limit)) lines.push(`  + ${r.slice(0, 300)}`);
  }
  return lines;
}

/**
 * The repositories page's query at N repositories: tops the synced estate up with synthetic
 * repositories in a separate registry, with a month of daily snapshots behind them (the page's
 * month-to-date storage cost reads those), then times listRepositories (the page's own query) per
 * sort and search, median of repeated runs, against a SELECT 1 round trip.
 */
import type { Pool } from "pg";
import { listRepositories, type ListRepositoriesParams } from "../../lib/storage/server/list-repositories";

const RUNS = 25;

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function measureRepositoryQueries(pool: Pool, target: number) {
  const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM repositories");
  const missing = Math.max(0, target - rows[0].n);
  if (missing > 0) {
    const sub = await pool.query<{ id: string }>("SELECT id FROM subscriptions LIMIT 1");
    const reg = await pool.query<{ id: number }>(
      `INSERT INTO registries (arm_id, subscription_id, resource_group, name, location, login_server, sku_name)
       VALUES ('/bench/synthetic', $1, 'bench', 'benchsynthetic', 'westeurope', 'benchsynthetic.azurecr.io', 'Standard') RETURNING id`,
      [sub.rows[0].id],
    );
    await pool.query(
      `INSERT INTO repositories (registry_id, name, last_updated_at, manifest_count, tag_count, untagged_manifest_count,
         logical_bytes, unique_bytes, attributed_bytes)
       SELECT $1, 'team' || (i % 40) || '/service-' || i, now() - (i || ' minutes')::interval, i % 97, i % 53, i % 7,
         (hashtext(i::text)::int8 & 1099511627775), (hashtext('u' || i)::int8 & 68719476735), (hashtext('a' || i)::int8 & 274877906943)
       FROM generate_series(1, $2) AS i`,
      [reg.rows[0].id, missing],
    );
    // A month of daily snapshots behind them, so the page's storage-cost column has real work.
    await pool.query(
      `INSERT INTO registry_snapshots (registry_id, day, sku_name, location, replica_count, repository_count, manifest_count,
         tag_count, logical_bytes, stored_bytes, captured_at)
       SELECT $1, d::date, 'Standard', 'westeurope', 0, $2, 0, 0, 0,
         (SELECT sum(attributed_bytes) FROM repositories WHERE registry_id = $1), now()
       FROM generate_series(date_trunc('month', now()), now(), interval '1 day') AS d`,
      [reg.rows[0].id, missing],
    );
    await pool.query(
      `INSERT INTO repository_snapshots (registry_id, repository_name, day, manifest_count, tag_count, untagged_manifest_count,
         logical_bytes, unique_bytes, attributed_bytes, captured_at)
       SELECT r.registry_id, r.name, d::date, r.manifest_count, r.tag_count, r.untagged_manifest_count,
         r.logical_bytes, r.unique_bytes, r.attributed_bytes, now()
       FROM repositories r, generate_series(date_trunc('month', now()), now(), interval '1 day') AS d
       WHERE r.registry_id = $1`,
      [reg.rows[0].id],
    );
    await pool.query("ANALYZE repositories");
    await pool.query("ANALYZE repository_snapshots");
  }
  const baselineMs = await median(() => pool.query("SELECT 1"));
  const cases: { name: string; params: ListRepositoriesParams }[] = [
    { name: "sort attributed desc, page 1", params: { sort: "attributed", dir: "desc" } },
    { name: "sort logical asc, page 100", params: { sort: "logical", dir: "asc", page: 100 } },
    { name: "sort name asc", params: { sort: "name", dir: "asc" } },
    { name: "sort registry desc", params: { sort: "registry", dir: "desc" } },
    { name: "search 'service-12', sort unique", params: { search: "service-12", sort: "unique", dir: "desc" } },
  ];
  const measured = [];
  for (const c of cases) {
    const ms = await median(() => listRepositories(c.params, { kind: "all" }));
    measured.push({
      name: c.name,
      medianMs: Number(ms.toFixed(1)),
      overBaseline: Number((ms / baselineMs).toFixed(1)),
    });
  }
  return { repositories: Math.max(target, rows[0].n), baselineMs: Number(baselineMs.toFixed(2)), cases: measured };
}

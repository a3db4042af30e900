/**
 * The real sync, through the real SDK clients over HTTPS, against the simulator, into a real
 * PostgreSQL; the stored inventory is checked against the generator's ground truth.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { isLedgerError } from "../errors";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { countEstate, expectedRegistryStorage } from "@/lib/testing/ground-truth";
import { acquireSyncLock, releaseSyncLock } from "./lock";
import { runSync } from "./run-sync";

const DAY1 = new Date("2026-10-01T12:00:00Z");
const DAY2 = new Date("2026-10-15T12:00:00Z");

let sim: RunningSimulator;
let testDb: TestDatabase;

const sync = (asOf: Date) =>
  runSync({ pool: testDb.pool, connection: simulatorConnection(sim.armEndpoint, sim.caCertPem), asOf, concurrency: 8 });

async function storedRepositories() {
  const { rows } = await testDb.pool.query<{
    registry: string;
    repository: string;
    logical: string;
    uniq: string;
    attributed: string;
    manifest_count: number;
    tag_count: number;
  }>(
    `SELECT g.name AS registry, r.name AS repository, r.logical_bytes AS logical, r.unique_bytes AS uniq,
            r.attributed_bytes AS attributed, r.manifest_count, r.tag_count
     FROM repositories r JOIN registries g ON g.id = r.registry_id ORDER BY 1, 2`,
  );
  return rows;
}

async function expectInventoryMatchesGroundTruth() {
  const estate = sim.estate();
  const stored = await storedRepositories();
  const byKey = new Map(stored.map((r) => [`${r.registry}/${r.repository}`, r]));
  expect(stored.length).toBe(countEstate(estate).repositories);
  for (const registry of estate.registries) {
    const expected = expectedRegistryStorage(registry);
    const { rows } = await testDb.pool.query<{ stored_bytes: string }>(
      "SELECT stored_bytes FROM registries WHERE name = $1",
      [registry.name],
    );
    expect(BigInt(rows[0].stored_bytes)).toBe(expected.storedBytes);
    let attributedSum = 0n;
    for (const repo of expected.repositories) {
      const s = byKey.get(`${registry.name}/${repo.repository}`);
      expect(s, `${registry.name}/${repo.repository} stored`).toBeDefined();
      expect(BigInt(s!.logical)).toBe(repo.logicalBytes);
      expect(BigInt(s!.uniq)).toBe(repo.uniqueBytes);
      const attributed = BigInt(s!.attributed);
      expect(attributed >= repo.attributedMin && attributed <= repo.attributedMax).toBe(true);
      attributedSum += attributed;
      expect(s!.manifest_count).toBe(repo.manifests.size);
      expect(s!.tag_count).toBe(repo.tags.size);
    }
    expect(attributedSum).toBe(expected.storedBytes);
  }
  const tags = await testDb.pool.query<{ registry: string; repository: string; name: string; digest: string }>(
    `SELECT g.name AS registry, r.name AS repository, t.name, t.digest FROM tags t
     JOIN repositories r ON r.id = t.repository_id JOIN registries g ON g.id = r.registry_id`,
  );
  const truth = new Map<string, string>();
  for (const g of estate.registries)
    for (const r of g.repositories) for (const t of r.tags) truth.set(`${g.name}/${r.name}:${t.name}`, t.digest);
  expect(tags.rows.length).toBe(truth.size);
  for (const t of tags.rows) expect(truth.get(`${t.registry}/${t.repository}:${t.name}`)).toBe(t.digest);

  // Every manifest's own facts, as the simulator has them now (a changed repository's listing is
  // written as a difference, so kept rows must have been brought up to date).
  const manifests = await testDb.pool.query<{
    key: string;
    tag_count: number;
    last_updated_at: Date;
    delete_enabled: boolean;
    parent: string | null;
  }>(
    `SELECT g.name || '/' || r.name || '@' || m.digest AS key, m.tag_count, m.last_updated_at, m.delete_enabled, m.parent_index_digest AS parent
     FROM manifests m JOIN repositories r ON r.id = m.repository_id JOIN registries g ON g.id = r.registry_id`,
  );
  const expected = new Map<
    string,
    { tag_count: number; last_updated_at: number; delete_enabled: boolean; parent: string | null }
  >();
  for (const g of estate.registries) {
    for (const r of g.repositories) {
      const parents = new Map<string, string>();
      for (const m of r.manifests)
        for (const c of m.children ?? [])
          if (!parents.has(c.digest) || m.digest < parents.get(c.digest)!) parents.set(c.digest, m.digest);
      for (const m of r.manifests) {
        expected.set(`${g.name}/${r.name}@${m.digest}`, {
          tag_count: m.tags.length,
          last_updated_at: m.lastUpdatedAt.getTime(),
          delete_enabled: m.deleteEnabled,
          parent: parents.get(m.digest) ?? null,
        });
      }
    }
  }
  expect(manifests.rows.length).toBe(expected.size);
  const wrong = manifests.rows.filter((m) => {
    const e = expected.get(m.key);
    return (
      !e ||
      e.tag_count !== m.tag_count ||
      e.last_updated_at !== m.last_updated_at.getTime() ||
      e.delete_enabled !== m.delete_enabled ||
      e.parent !== m.parent
    );
  });
  expect(wrong.slice(0, 5)).toEqual([]);
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: DAY1 });
  testDb = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

describe("sync against the simulator", () => {
  it("stores the estate exactly, with storage per repository from the blobs", async () => {
    const summary = await sync(DAY1);
    expect(summary.errors).toEqual([]);
    expect(summary.status).toBe("succeeded");
    const counts = countEstate(sim.estate());
    expect({
      registries: summary.registries,
      repositories: summary.repositories,
      manifests: summary.manifests,
      tags: summary.tags,
    }).toEqual(counts);
    await expectInventoryMatchesGroundTruth();

    const registries = await testDb.pool.query<{ name: string; sku_name: string; replicas: number }>(
      `SELECT g.name, g.sku_name, (SELECT count(*) FROM replications p WHERE p.registry_id = g.id AND p.location <> g.location)::int AS replicas
       FROM registries g ORDER BY name`,
    );
    const truth = sim.estate().registries.map((r) => ({
      name: r.name,
      sku_name: r.sku,
      replicas: r.replications.filter((p) => p.location !== r.location).length,
    }));
    expect(registries.rows).toEqual(truth.sort((a, b) => a.name.localeCompare(b.name)));
    const runs = await testDb.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM task_runs");
    expect(runs.rows[0].n).toBeGreaterThan(0);
  });

  it("lists nothing again and fetches no manifest body when nothing changed", async () => {
    expect((await sync(DAY1)).status).toBe("succeeded");
    const before = sim.stats();
    const summary = await sync(DAY1);
    expect(summary.status).toBe("succeeded");
    expect(summary.repositoriesListed).toBe(0);
    expect(summary.manifestBodiesFetched).toBe(0);
    expect(sim.stats().manifestBodies).toBe(before.manifestBodies);
  });

  it("reuses a kept connection's ACR tokens: the next sync reads each repository with one request", async () => {
    const kept = simulatorConnection(sim.armEndpoint, sim.caCertPem);
    const first = await runSync({ pool: testDb.pool, connection: kept, asOf: DAY1, concurrency: 8 });
    expect(first.status).toBe("succeeded");
    expect(sim.stats().byKind.token ?? 0).toBeGreaterThan(0);
    sim.resetStats();
    const second = await runSync({ pool: testDb.pool, connection: kept, asOf: DAY1, concurrency: 8 });
    expect(second.status).toBe("succeeded");
    const { byKind } = sim.stats();
    expect({ challenge: byKind.challenge ?? 0, exchange: byKind.exchange ?? 0, token: byKind.token ?? 0 }).toEqual({
      challenge: 0,
      exchange: 0,
      token: 0,
    });
    expect(byKind.repository).toBe(countEstate(sim.estate()).repositories);
    await expectInventoryMatchesGroundTruth();
  });

  it("follows the estate as the clock moves on, and keeps one snapshot per day", async () => {
    expect((await sync(DAY1)).status).toBe("succeeded");
    sim.setDate(DAY2);
    const summary = await sync(DAY2);
    expect(summary.status).toBe("succeeded");
    expect(summary.repositoriesListed).toBeGreaterThan(0);
    expect(summary.repositoriesListed).toBeLessThan(countEstate(sim.estate()).repositories);
    await expectInventoryMatchesGroundTruth();
    const days = await testDb.pool.query<{ day: string }>(
      "SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM registry_snapshots ORDER BY 1",
    );
    expect(days.rows.map((r) => r.day)).toEqual(["2026-10-01", "2026-10-15"]);
    const again = await sync(DAY2);
    expect(again.status).toBe("succeeded");
    const perDay = await testDb.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM registry_snapshots WHERE day = '2026-10-15'",
    );
    expect(perDay.rows[0].n).toBe(sim.estate().registries.length);

    // Runs are read back only to the stored watermark, yet every run the registry lists now (the
    // newest 500) is stored with its current status: new runs, and runs that finished meanwhile.
    const stored = await testDb.pool.query<{ registry: string; run_id: string; status: string }>(
      "SELECT g.name AS registry, t.run_id, t.status FROM task_runs t JOIN registries g ON g.id = t.registry_id",
    );
    const storedStatus = new Map(stored.rows.map((r) => [`${r.registry}/${r.run_id}`, r.status]));
    const listed = sim
      .estate()
      .registries.flatMap((g) => g.runs.slice(0, 500).map((run) => [`${g.name}/${run.runId}`, run.status] as const));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter(([key, status]) => storedStatus.get(key) !== status)).toEqual([]);
  });

  it("keeps a failing registry's last good inventory while the others complete", async () => {
    expect((await sync(sim.getDate())).status).toBe("succeeded");
    const victim = sim.estate().registries[0].name;
    const before = await testDb.pool.query(
      "SELECT r.name, r.last_updated_at, r.attributed_bytes FROM repositories r JOIN registries g ON g.id = r.registry_id WHERE g.name = $1 ORDER BY 1",
      [victim],
    );
    expect(before.rows.length).toBeGreaterThan(0);
    sim.setDate(new Date("2026-10-20T12:00:00Z"));
    sim.setFault({ registry: victim, kind: "error500" });
    try {
      const summary = await sync(new Date("2026-10-20T12:00:00Z"));
      expect(summary.status).toBe("partial");
      expect(summary.errors.map((e) => e.registry)).toEqual([victim]);
    } finally {
      sim.setFault(null);
    }
    const after = await testDb.pool.query(
      "SELECT r.name, r.last_updated_at, r.attributed_bytes FROM repositories r JOIN registries g ON g.id = r.registry_id WHERE g.name = $1 ORDER BY 1",
      [victim],
    );
    expect(after.rows).toEqual(before.rows);
    const results = await testDb.pool.query<{ status: string }>(
      "SELECT status FROM sync_registry_results WHERE sync_run_id = (SELECT max(id) FROM sync_runs) AND registry_name = $1",
      [victim],
    );
    expect(results.rows[0].status).toBe("failed");
  });

  it("honours 429 Retry-After and still completes", async () => {
    sim.setFault({ kind: "throttle", every: 25 });
    try {
      sim.setDate(new Date("2026-10-22T12:00:00Z"));
      const summary = await sync(new Date("2026-10-22T12:00:00Z"));
      expect(summary.status).toBe("succeeded");
    } finally {
      sim.setFault(null);
    }
    await expectInventoryMatchesGroundTruth();
  });

  it("removes from the current inventory what Azure no longer lists, keeping history", async () => {
    expect((await sync(sim.getDate())).status).toBe("succeeded");
    const registry = sim.estate().registries[0];
    const { rows } = await testDb.pool.query<{ id: number; subscription_id: string }>(
      "SELECT id, subscription_id FROM registries WHERE name = $1",
      [registry.name],
    );
    const gone = await testDb.pool.query<{ id: number }>(
      `INSERT INTO registries (arm_id, subscription_id, resource_group, name, location, login_server, sku_name)
       VALUES ('/subscriptions/x/resourcegroups/rg/providers/microsoft.containerregistry/registries/deleted', $1, 'rg', 'deleted', 'westeurope', 'deleted.azurecr.io', 'Basic')
       RETURNING id`,
      [rows[0].subscription_id],
    );
    await testDb.pool.query(
      "INSERT INTO repositories (registry_id, name) VALUES ($1, 'old/app'), ($2, 'team/deleted-repo')",
      [gone.rows[0].id, rows[0].id],
    );
    await testDb.pool.query(
      "INSERT INTO registry_snapshots (registry_id, day, sku_name, location, replica_count, repository_count, manifest_count, tag_count, logical_bytes, stored_bytes, captured_at) VALUES ($1, '2026-01-01', 'Basic', 'westeurope', 0, 1, 0, 0, 0, 0, now())",
      [gone.rows[0].id],
    );

    const summary = await sync(new Date("2026-10-22T12:00:00Z"));
    expect(summary.status).toBe("succeeded");
    const removed = await testDb.pool.query<{ removed_at: Date | null }>(
      "SELECT removed_at FROM registries WHERE id = $1",
      [gone.rows[0].id],
    );
    expect(removed.rows[0].removed_at).not.toBeNull();
    const leftovers = await testDb.pool.query(
      "SELECT name FROM repositories WHERE name IN ('old/app', 'team/deleted-repo')",
    );
    expect(leftovers.rows).toEqual([]);
    const history = await testDb.pool.query("SELECT 1 FROM registry_snapshots WHERE registry_id = $1", [
      gone.rows[0].id,
    ]);
    expect(history.rowCount).toBe(1);
    expect(summary.registries).toBe(sim.estate().registries.length);
  });

  it("splits storage from the blob refs it kept while only it wrote the inventory, and reads them all again after another writer", async () => {
    const at = new Date("2026-10-22T12:00:00Z");
    expect((await sync(at)).status).toBe("succeeded");
    const registry = sim.estate().registries[0].name;
    const { rows } = await testDb.pool.query<{ id: number; registry_id: number; logical: string }>(
      `SELECT r.id, r.registry_id, r.logical_bytes AS logical FROM repositories r JOIN registries g ON g.id = r.registry_id
       WHERE g.name = $1 AND r.logical_bytes > 0 ORDER BY r.name LIMIT 1`,
      [registry],
    );
    const repository = rows[0];
    const logicalNow = () =>
      testDb.pool
        .query<{ logical: string }>("SELECT logical_bytes AS logical FROM repositories WHERE id = $1", [repository.id])
        .then((r) => r.rows[0].logical);
    // Rows no sync wrote: the repository's manifests vanish behind the sync's back, and a stray
    // repository makes the next sync split the registry's storage again (it removes the stray).
    await testDb.pool.query("DELETE FROM manifests WHERE repository_id = $1", [repository.id]);
    const stray = () =>
      testDb.pool.query("INSERT INTO repositories (registry_id, name) VALUES ($1, 'team/stray')", [
        repository.registry_id,
      ]);
    await stray();
    expect((await sync(at)).status).toBe("succeeded");
    expect(await logicalNow(), "split from the refs this process kept, not read again").toBe(repository.logical);
    // Another writer (another process's sync) leaves its own inventory token: everything is read.
    await stray();
    await testDb.pool.query("UPDATE registries SET inventory_token = gen_random_uuid() WHERE id = $1", [
      repository.registry_id,
    ]);
    expect((await sync(at)).status).toBe("succeeded");
    expect(await logicalNow(), "split from what the database holds").toBe("0");
    // The repository listed again (as if it had changed) puts the inventory right.
    await testDb.pool.query("UPDATE repositories SET last_updated_at = NULL WHERE id = $1", [repository.id]);
    expect((await sync(at)).status).toBe("succeeded");
    await expectInventoryMatchesGroundTruth();
  });

  it("finishes on a pool of two connections (one holds the sync's lock) with every registry read at once", async () => {
    // A registry holds a connection only while it writes and asks the pool for nothing else
    // meanwhile, so registries being read and written at once never wait on one another.
    const at = new Date("2026-10-29T12:00:00Z");
    sim.setDate(at);
    const small = new pg.Pool({ connectionString: testDb.url, max: 2 });
    try {
      const summary = await runSync({
        pool: small,
        connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
        asOf: at,
        concurrency: 8,
        registryConcurrency: sim.estate().registries.length,
      });
      expect(summary.errors).toEqual([]);
      expect(summary.repositoriesListed).toBeGreaterThan(0);
      await expectInventoryMatchesGroundTruth();
    } finally {
      await small.end();
    }
  }, 60_000);

  it("refuses a second sync while one runs", async () => {
    const held = await acquireSyncLock(testDb.pool);
    try {
      await expect(sync(DAY2)).rejects.toSatisfy((e: unknown) => isLedgerError(e, "conflict"));
    } finally {
      await releaseSyncLock(held);
    }
  });
});

/**
 * `npm run verify` in-process: a small simulated estate synced clean verifies clean; each way of
 * corrupting it is listed with what it affects, and `--repair` (its sync against the simulator)
 * leaves every stored row equal to a clean sync's, in another database. A past day's missing
 * snapshot is reported as not repairable.
 */
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { isoDay } from "../calendar";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { runSync } from "../sync/run-sync";
import { getLastVerification } from "./server/get-last-verification";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { isLedgerError } from "../errors";
import { verifyInventory, type Verification } from "./server/verify-inventory";
import { CHECKS, type CheckName } from "./violations";

const DAY0 = new Date("2026-09-20T12:00:00Z");
const DAY1 = new Date("2026-10-01T12:00:00Z");

let sim: RunningSimulator;
let reference: TestDatabase;
let testDb: TestDatabase;
let cleanRows: Record<string, string[]>;

const sync = (pool: pg.Pool, asOf: Date) =>
  runSync({
    pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf,
    concurrency: 8,
    appImages: false,
  });

const verify = (repair = false) =>
  verifyInventory(testDb.pool, {
    repair: repair ? async () => ({ day: isoDay(DAY1), sync: () => sync(testDb.pool, DAY1) }) : undefined,
  });

/** Every row a sync stores, keyed by names (ids, tokens, the reads written with them and fetch times differ between two databases). */
const REGISTRY = "jsonb_build_object('registry', (SELECT name FROM registries g WHERE g.id = x.registry_id))";
const REPOSITORY = `jsonb_build_object('repository', (SELECT g.name || '/' || r.name FROM repositories r JOIN registries g ON g.id = r.registry_id WHERE r.id = x.repository_id))`;
const TABLES: Record<string, string> = {
  registries: "to_jsonb(x) - 'id' - 'inventory_token' - 'written_read'",
  repositories: `to_jsonb(x) - 'id' - 'registry_id' || ${REGISTRY}`,
  manifests: `to_jsonb(x) - 'id' - 'repository_id' || ${REPOSITORY}`,
  tags: `to_jsonb(x) - 'id' - 'repository_id' || ${REPOSITORY}`,
  manifest_contents: "to_jsonb(x) - 'fetched_at'",
  manifest_blobs: "to_jsonb(x)",
  manifest_children: "to_jsonb(x)",
  blobs: "to_jsonb(x)",
  registry_snapshots: `to_jsonb(x) - 'registry_id' || ${REGISTRY}`,
  repository_snapshots: `to_jsonb(x) - 'registry_id' || ${REGISTRY}`,
  tag_history: `to_jsonb(x) - 'id' - 'registry_id' || ${REGISTRY}`,
};

async function storedRows(pool: pg.Pool): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const [table, row] of Object.entries(TABLES)) {
    const { rows } = await pool.query<{ row: string }>(`SELECT (${row})::text AS row FROM ${table} x`);
    result[table] = rows.map((r) => r.row).sort();
  }
  return result;
}

function count(v: Verification, check: CheckName): number {
  return v.checks.find((c) => c.check === check)!.violations;
}

async function expectRepairedToEqualCleanSync() {
  const repaired = await verify(true);
  expect(repaired.violations).toEqual([]);
  expect(repaired.status).toBe("repaired");
  expect(await verify()).toMatchObject({ status: "clean", foundCount: 0 });
  const rows = await storedRows(testDb.pool);
  for (const table of Object.keys(TABLES)) expect(rows[table], table).toEqual(cleanRows[table]);
}

/** A digest held by one repository whose body names at least two blobs, with its holder. */
async function pickDigest() {
  const { rows } = await testDb.pool.query<{ digest: string; registry: string; repository: string }>(
    `SELECT m.digest, g.name AS registry, r.name AS repository FROM manifests m
     JOIN repositories r ON r.id = m.repository_id JOIN registries g ON g.id = r.registry_id
     WHERE (SELECT count(*) FROM manifest_blobs mb WHERE mb.manifest_digest = m.digest) >= 2
       AND (SELECT count(*) FROM manifests o WHERE o.digest = m.digest) = 1
     ORDER BY m.digest LIMIT 1`,
  );
  return rows[0];
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: DAY1 });
  // The database getDb() reads (the chargeback check's) is the last one created: the one verified.
  reference = await createTestDatabase();
  testDb = await createTestDatabase();
  const summary = await sync(reference.pool, DAY1);
  expect(summary.status).toBe("succeeded");
  cleanRows = await storedRows(reference.pool);
}, 180_000);

afterAll(async () => {
  await testDb?.drop();
  await reference?.drop();
  await sim?.close();
});

describe("verify", () => {
  beforeEach(async () => {
    await testDb.truncate();
    expect((await sync(testDb.pool, DAY1)).status).toBe("succeeded");
  });

  it("finds a clean sync clean, every check run, and records the run", async () => {
    const v = await verify();
    expect(v.status).toBe("clean");
    expect(v.checks.map((c) => c.check)).toEqual([...CHECKS]);
    expect(v.checks.every((c) => c.violations === 0)).toBe(true);
    const { rows } = await testDb.pool.query(
      "SELECT status, repair, violation_count, finished_at FROM verification_runs WHERE id = $1",
      [v.id],
    );
    expect(rows[0]).toMatchObject({ status: "clean", repair: false, violation_count: 0 });
    expect(rows[0].finished_at).not.toBeNull();
    expect(await getLastVerification()).toMatchObject({ id: v.id, status: "clean", violationCount: 0, violations: [] });
    expect(await storedRows(testDb.pool)).toEqual(cleanRows);
  });

  it("lists a manifest whose blob references are partly missing, and re-fetches its body", async () => {
    const held = await pickDigest();
    await testDb.pool.query(
      "DELETE FROM manifest_blobs WHERE manifest_digest = $1 AND blob_digest = (SELECT min(blob_digest) FROM manifest_blobs WHERE manifest_digest = $1)",
      [held.digest],
    );
    const v = await verify();
    expect(v.status).toBe("violations");
    const facts = v.violations.filter((x) => x.check === "manifest-facts");
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ registry: held.registry, repository: held.repository, digest: held.digest });
    expect(facts[0].message).toMatch(/facts incomplete/);
    expect(facts[0].affects).toContain(`attributed bytes of ${held.repository} in ${held.registry}`);
    await expectRepairedToEqualCleanSync();
  });

  it("repairs an inventory an earlier version wrote (facts without counts, some cut short by a killed sync)", async () => {
    await testDb.pool.query("UPDATE manifest_contents SET blob_count = NULL, child_count = NULL");
    // An earlier version wrote a body's references over several commits: a kill left a part.
    const cut = await testDb.pool.query(
      `DELETE FROM manifest_blobs WHERE manifest_digest IN (SELECT manifest_digest FROM manifest_blobs GROUP BY 1 ORDER BY 1 LIMIT 25)
         AND kind = 'layer'`,
    );
    expect(cut.rowCount).toBeGreaterThan(0);
    const v = await verify();
    const repositories = await testDb.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM repositories WHERE manifest_count > 0",
    );
    expect(count(v, "manifest-facts")).toBe(repositories.rows[0].n);
    expect(v.violations[0].message).toMatch(/unknown completeness/);
    await expectRepairedToEqualCleanSync();
  });

  it("lists attributed bytes that no longer sum to the stored bytes", async () => {
    const { rows } = await testDb.pool.query<{ registry: string; repository: string }>(
      `UPDATE repositories r SET attributed_bytes = attributed_bytes + 1 FROM registries g
       WHERE g.id = r.registry_id AND r.id = (SELECT min(id) FROM repositories WHERE attributed_bytes > 0)
       RETURNING g.name AS registry, r.name AS repository`,
    );
    const v = await verify();
    const stored = v.violations.filter((x) => x.check === "stored-bytes");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ registry: rows[0].registry });
    expect(stored[0].affects).toMatch(/attributed bytes/);
    // The day's snapshot no longer equals the inventory it was written from.
    expect(v.violations.some((x) => x.check === "snapshots" && x.repository === rows[0].repository)).toBe(true);
    // The Sync page's panel reads the same run back.
    const shown = await getLastVerification({ violations: 1 });
    expect(shown).toMatchObject({ id: v.id, status: "violations", violationCount: v.violations.length });
    expect(shown!.checks.find((c) => c.check === "stored-bytes")?.violations).toBe(1);
    expect(shown!.violations).toEqual([
      { check: "stored-bytes", registry: rows[0].registry, message: stored[0].message, affects: stored[0].affects },
    ]);
    await expectRepairedToEqualCleanSync();
  });

  it("lists a missing snapshot of the synced day, and writes it again", async () => {
    const { rows } = await testDb.pool.query<{ registry: string; repository_name: string }>(
      `DELETE FROM repository_snapshots s USING registries g
       WHERE g.id = s.registry_id AND (s.registry_id, s.repository_name) = (SELECT registry_id, min(repository_name) FROM repository_snapshots GROUP BY registry_id ORDER BY registry_id LIMIT 1)
       RETURNING g.name AS registry, s.repository_name`,
    );
    const v = await verify();
    const snapshots = v.violations.filter((x) => x.check === "snapshots");
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({
      registry: rows[0].registry,
      repository: rows[0].repository_name,
      day: "2026-10-01",
    });
    expect(snapshots[0].message).toMatch(/missing/);
    await expectRepairedToEqualCleanSync();
  });

  it("lists counts that do not match the rows", async () => {
    const repository = await testDb.pool.query<{ registry: string; repository: string }>(
      `UPDATE repositories r SET tag_count = r.tag_count + 1, untagged_manifest_count = r.untagged_manifest_count + 2 FROM registries g
       WHERE g.id = r.registry_id AND r.id = (SELECT min(id) FROM repositories) RETURNING g.name AS registry, r.name AS repository`,
    );
    const registry = await testDb.pool.query<{ name: string }>(
      "UPDATE registries SET manifest_count = manifest_count - 1 WHERE id = (SELECT max(id) FROM registries) RETURNING name",
    );
    const manifest = await testDb.pool.query<{ digest: string }>(
      "UPDATE manifests SET tag_count = tag_count + 1 WHERE id = (SELECT min(id) FROM manifests) RETURNING digest",
    );
    const v = await verify();
    const counts = v.violations.filter((x) => x.check === "counts");
    expect(counts).toContainEqual(
      expect.objectContaining({
        registry: repository.rows[0].registry,
        repository: repository.rows[0].repository,
        message: expect.stringMatching(/tag count .*untagged count/),
      }),
    );
    expect(counts).toContainEqual(
      expect.objectContaining({
        registry: registry.rows[0].name,
        message: expect.stringMatching(/^registry manifest count/),
      }),
    );
    expect(counts).toContainEqual(expect.objectContaining({ digest: manifest.rows[0].digest }));
    expect(counts.every((c) => c.affects.length > 0)).toBe(true);
    await expectRepairedToEqualCleanSync();
  });
});

describe("a repair whose sync cannot reach Azure", () => {
  it("is an error, recorded, and a later repair completes it", async () => {
    await testDb.truncate();
    expect((await sync(testDb.pool, DAY1)).status).toBe("succeeded");
    await testDb.pool.query("UPDATE manifest_contents SET blob_count = NULL");
    const gone = await startSimulator({ seed: 7, scale: "small", date: DAY1 });
    const unreachable = simulatorConnection(gone.armEndpoint, gone.caCertPem);
    await gone.close();
    const failing = verifyInventory(testDb.pool, {
      repair: async () => ({
        day: "2026-10-01",
        sync: () => runSync({ pool: testDb.pool, connection: unreachable, asOf: DAY1, appImages: false }),
      }),
    });
    await expect(failing).rejects.toSatisfy((error) => isLedgerError(error, "azure"));
    const { rows } = await testDb.pool.query("SELECT status, error FROM verification_runs ORDER BY id DESC LIMIT 1");
    expect(rows[0].status).toBe("error");
    expect(rows[0].error).toMatch(/the repair's sync \(run #\d+\) failed/);
    expect(await getLastVerification()).toMatchObject({ status: "error", checks: [] });
    // What the failed repair took away is fetched by the next one.
    expect((await verify()).status).toBe("violations");
    await expectRepairedToEqualCleanSync();
  });
});

describe("a past day", () => {
  it("reports its missing snapshot as not repairable", async () => {
    await testDb.truncate();
    expect((await sync(testDb.pool, DAY0)).status).toBe("succeeded");
    expect((await sync(testDb.pool, DAY1)).status).toBe("succeeded");
    const { rows } = await testDb.pool.query<{ name: string }>(
      `DELETE FROM registry_snapshots s USING registries g WHERE g.id = s.registry_id AND s.day = '2026-09-20'
         AND s.registry_id = (SELECT min(id) FROM registries) RETURNING g.name`,
    );
    const repository = await testDb.pool.query<{ name: string }>(
      `DELETE FROM repository_snapshots s USING registries g WHERE g.id = s.registry_id AND s.day = '2026-09-20'
         AND (s.registry_id, s.repository_name) = (SELECT registry_id, min(repository_name) FROM repository_snapshots
                                                   WHERE registry_id = (SELECT max(id) FROM registries) GROUP BY registry_id)
       RETURNING g.name`,
    );
    const v = await verify(true);
    expect(v.status).toBe("violations");
    expect(v.violations).toHaveLength(2);
    expect(v.violations[0]).toMatchObject({ check: "snapshots", registry: rows[0].name, day: "2026-09-20" });
    expect(v.violations[0].message).toMatch(/^synced successfully on 2026-09-20 .* but no registry snapshot/);
    expect(v.violations[1]).toMatchObject({ check: "snapshots", registry: repository.rows[0].name, day: "2026-09-20" });
    expect(v.violations[1].message).toMatch(/counts \d+ repositories, \d+ repository snapshots are stored/);
    expect(v.violations.every((x) => /not repairable/.test(x.message) && /chargeback of 2026-09/.test(x.affects))).toBe(
      true,
    );
  });
});

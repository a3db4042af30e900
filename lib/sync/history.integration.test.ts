/**
 * History against the simulator's ground truth: the demo replay syncs a run of simulated days;
 * afterwards there is one snapshot per registry, repository and day (the day's last sync wins),
 * and the digest trail answers, for every synced instant, exactly what each tag pointed to then.
 * The tag-history report and the mutable-tag finding read the same trail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { DAY_MS, isoDay } from "../calendar";
import { listFindings } from "../findings/server/list-findings";
import { listRegistryStorageSeries } from "../storage-history/server/list-registry-storage-series";
import { listRepositoryStorageSeries } from "../storage-history/server/list-repository-storage-series";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { countEstate } from "@/lib/testing/ground-truth";
import { replaySimulatorHistory } from "./replay-history";
import { runSync } from "./run-sync";

const UNTIL = new Date("2026-10-31T09:00:00Z");
const DAYS = 12;

let sim: RunningSimulator;
let testDb: TestDatabase;
/** Ground truth at each synced instant: registry/repository:tag → digest. */
const truthAt = new Map<string, Map<string, string>>();

function currentTags(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const g of sim.estate().registries)
    for (const r of g.repositories) for (const t of r.tags) tags.set(`${g.name}/${r.name}:${t.name}`, t.digest);
  return tags;
}

async function trailAt(instant: Date): Promise<Map<string, string>> {
  const { rows } = await testDb.pool.query<{ key: string; digest: string }>(
    `SELECT g.name || '/' || h.repository_name || ':' || h.tag AS key, h.digest
     FROM tag_history h JOIN registries g ON g.id = h.registry_id
     WHERE h.seen_from <= $1::timestamp AND (h.seen_to IS NULL OR h.seen_to > $1::timestamp)`,
    [instant.toISOString()],
  );
  const map = new Map<string, string>();
  for (const r of rows) {
    expect(map.has(r.key), `${r.key} has one digest at ${instant.toISOString()}`).toBe(false);
    map.set(r.key, r.digest);
  }
  return map;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: "small", date: UNTIL });
  testDb = await createTestDatabase();
  const connection = simulatorConnection(sim.armEndpoint, sim.caCertPem);
  // The replay moves the clock on as soon as a day is read, while that day is still being
  // written: each day's truth is taken just before the clock leaves it.
  let day = 0;
  const clock = {
    setDate: (date: Date) => {
      if (day > 0) truthAt.set(`day ${day}`, currentTags());
      day += 1;
      sim.setDate(date);
    },
  };
  const replay = await replaySimulatorHistory({
    pool: testDb.pool,
    connection,
    simulator: clock,
    days: DAYS,
    until: UNTIL,
    concurrency: 8,
    onDay: (_done, _total, summary) => expect(summary.status).toBe("succeeded"),
  });
  truthAt.set(`day ${day}`, currentTags());
  expect(replay.failed).toBe(0);
  // The apps' in-use images are read on the replay's last day (each sync replaces them whole).
  const imports = await testDb.pool.query<{ name: string; at: Date }>(
    "SELECT cluster_name AS name, imported_at AS at FROM in_use_imports ORDER BY 1",
  );
  expect(imports.rows.map((r) => r.name)).toEqual(
    ["azure-app-service", "azure-container-apps"]
      .flatMap((source) => sim.subscriptionIds.map((id) => `${source}/${id.toLowerCase()}`))
      .sort(),
  );
  for (const r of imports.rows) expect(r.at.toISOString()).toBe(UNTIL.toISOString());
  // A second sync later on the last day: its snapshot replaces the morning's.
  const evening = new Date("2026-10-31T21:00:00Z");
  sim.setDate(evening);
  const summary = await runSync({ pool: testDb.pool, connection, asOf: evening, concurrency: 8 });
  expect(summary.status).toBe("succeeded");
  truthAt.set("evening", currentTags());
}, 300_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

const syncedInstants = () => [
  ...Array.from({ length: DAYS + 1 }, (_, i) => new Date(UNTIL.getTime() - (DAYS - i) * DAY_MS)),
  new Date("2026-10-31T21:00:00Z"),
];

describe("history of a replayed simulator estate", () => {
  it("keeps one snapshot per registry and repository per day, the day's last sync winning", async () => {
    const days = await testDb.pool.query<{ day: string; registries: number; captured: Date }>(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS registries, max(captured_at) AS captured FROM registry_snapshots GROUP BY day ORDER BY day",
    );
    expect(days.rows.map((r) => r.day)).toEqual(
      syncedInstants()
        .slice(0, DAYS + 1)
        .map(isoDay),
    );
    const estate = countEstate(sim.estate());
    for (const r of days.rows) expect(r.registries).toBe(estate.registries);
    expect(days.rows.at(-1)!.captured.toISOString()).toBe("2026-10-31T21:00:00.000Z");

    const repoDays = await testDb.pool.query<{ n: number; dupes: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*) FROM (SELECT 1 FROM repository_snapshots GROUP BY registry_id, repository_name, day HAVING count(*) > 1) d)::int AS dupes
       FROM repository_snapshots WHERE day = '2026-10-31'`,
    );
    expect(repoDays.rows[0]).toEqual({ n: estate.repositories, dupes: 0 });
    // The last day's snapshots hold the evening's inventory, not the morning's.
    const lastDay = await testDb.pool.query<{ tags: number; manifests: number }>(
      "SELECT sum(tag_count)::int AS tags, sum(manifest_count)::int AS manifests FROM registry_snapshots WHERE day = '2026-10-31'",
    );
    expect(lastDay.rows[0]).toEqual({ tags: estate.tags, manifests: estate.manifests });
    const attributed = await testDb.pool.query<{ ok: boolean }>(
      `SELECT bool_and(g.attributed_bytes = (SELECT sum(r.attributed_bytes) FROM repository_snapshots r WHERE r.registry_id = g.registry_id AND r.day = g.day)) AS ok
       FROM registry_snapshots g`,
    );
    expect(attributed.rows[0].ok).toBe(true);
  });

  it("answers what every tag pointed to at each synced instant, exactly as the simulator had it", async () => {
    const truths = [...truthAt.values()];
    const instants = syncedInstants();
    expect(truths.length).toBe(instants.length);
    let moved = 0;
    for (let i = 0; i < instants.length; i++) {
      const trail = await trailAt(instants[i]);
      expect(trail).toEqual(truths[i]);
      if (i > 0)
        for (const [key, digest] of truths[i])
          if (truths[i - 1].get(key) !== undefined && truths[i - 1].get(key) !== digest) moved += 1;
    }
    expect(moved, "the simulated days move some tags").toBeGreaterThan(0);
  });

  it("serves the trail as the tag-history CSV, the same bytes from the CLI and the route, filtered as of a day", async () => {
    const query = "?tag=latest&asOf=2026-10-25";
    const route = await viaRoute(`/api/reports/tag-history.csv${query}`);
    const cli = await viaCli(["tag-history", "--tag", "latest", "--as-of", "2026-10-25"]);
    expect(route.status).toBe(200);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(route.body);
    const lines = route.body.trimEnd().split("\n");
    expect(lines[0]).toBe("registry,repository,tag,digest,seen_from,seen_to");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) {
      const [, , tag, digest, from, to] = line.split(",");
      expect(tag).toBe("latest");
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(from < "2026-10-26").toBe(true);
      expect(to === "" || to > "2026-10-25").toBe(true);
    }
  });

  it("flags production-like tags that moved in the last 30 days, with their digests", async () => {
    const { rows } = await listFindings({ today: "2026-10-31" });
    const moved = rows.filter((f) => f.code === "mutable-tag-moved");
    expect(moved.length).toBeGreaterThan(0);
    for (const f of moved) {
      expect(f.monthlySavingMicros).toBeNull();
      expect(f.evidence).toMatch(/:(latest|prod|stable|release) moved \d+ times? in the last 30 days/);
    }
  });

  it("reads the trends: a point per snapshot day per registry, and a set of repositories summed per day", async () => {
    const trends = await listRegistryStorageSeries({ range: "90d", today: "2026-10-31" });
    expect(trends.storage.map((p) => p.day)).toEqual(
      syncedInstants()
        .slice(0, DAYS + 1)
        .map(isoDay),
    );
    expect(trends.registries).toEqual(
      sim
        .estate()
        .registries.map((g) => g.name)
        .sort(),
    );
    const stored = await testDb.pool.query<{ name: string; stored: string }>(
      "SELECT name, stored_bytes::text AS stored FROM registries",
    );
    const last = trends.storage.at(-1)!;
    for (const g of stored.rows) expect(last[g.name]).toBe(Number(g.stored));
    expect(trends.counts.at(-1)).toEqual({
      day: "2026-10-31",
      ...(({ tags, manifests }) => ({ tags, manifests }))(countEstate(sim.estate())),
    });

    const registry = sim.estate().registries[0];
    const pairs = registry.repositories.slice(0, 3).map((r) => ({ registry: registry.name, repository: r.name }));
    const series = await listRepositoryStorageSeries(
      { range: "90d", today: "2026-10-31", repositories: pairs },
      { kind: "all" },
    );
    const expected = await testDb.pool.query<{ attributed: string; tags: number }>(
      `SELECT sum(r.attributed_bytes)::text AS attributed, sum(r.tag_count)::int AS tags FROM repositories r JOIN registries g ON g.id = r.registry_id
       WHERE g.name = $1 AND r.name = ANY($2::text[])`,
      [registry.name, pairs.map((p) => p.repository)],
    );
    expect(series.points.at(-1)).toMatchObject({
      day: "2026-10-31",
      attributedBytes: Number(expected.rows[0].attributed),
      tags: expected.rows[0].tags,
      repositories: 3,
    });
    expect(
      (await listRepositoryStorageSeries({ range: "90d", today: "2026-06-01", repositories: pairs }, { kind: "all" }))
        .points,
    ).toEqual([]);
  });
});

/**
 * The simulator synced at several simulated dates, through the real SDK into PostgreSQL: the
 * image-size series hold every image of the ground truth with its exact size, and the one planted
 * regression is flagged (and is the only regression) from the first sync after its push on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "@/lib/azure/connection";
import { DAY_MS } from "@/lib/calendar";
import { DEFAULT_TREND_SETTINGS } from "@/lib/image-size/image-size";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";
import { generateEstate } from "@/lib/simulator/generator";
import type { PlantedRegression, SimEstate } from "@/lib/simulator/estate";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { runSync } from "@/lib/sync/run-sync";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { listSizeRegressions } from "./list-size-regressions";

const SEED = 42;
const HEADER = "registry,repository,architecture,digest,created_at,size_bytes,baseline_bytes,growth_pct,flagged";

let sim: RunningSimulator;
let testDb: TestDatabase;
let planted: PlantedRegression;

async function syncAt(date: Date) {
  sim.setDate(date);
  const summary = await runSync({
    pool: testDb.pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf: date,
    concurrency: 8,
  });
  expect(summary.status).toBe("succeeded");
}

/** digest → size of every image (architecture, not a referrer) of the ground truth, per registry/repository/architecture. */
function groundTruthImages(estate: SimEstate): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const registry of estate.registries)
    for (const repo of registry.repositories)
      for (const m of repo.manifests)
        if (m.architecture && !m.subjectDigest)
          sizes.set(`${registry.name},${repo.name},${m.architecture},${m.digest}`, m.sizeBytes);
  return sizes;
}

async function csvRecords(query = "") {
  const { status, body } = await viaRoute(`/api/reports/image-size-trends.csv${query}`);
  expect(status).toBe(200);
  const [header, ...lines] = body.trimEnd().split("\n");
  expect(header).toBe(HEADER);
  return { body, records: lines.map((l) => l.split(",")) };
}

async function expectCsvMatchesGroundTruth() {
  const { records } = await csvRecords();
  const truth = groundTruthImages(sim.estate());
  expect(records).toHaveLength(truth.size);
  for (const [registry, repository, architecture, digest, , size] of records) {
    expect(truth.get(`${registry},${repository},${architecture},${digest}`), `${repository}@${digest}`).toBe(
      Number(size),
    );
  }
  return records;
}

beforeAll(async () => {
  planted = generateEstate({ seed: SEED, scale: "small", date: new Date("2026-11-01T00:00:00Z") }).plantedRegression!;
  sim = await startSimulator({ seed: SEED, scale: "small", date: new Date(planted.createdAt.getTime() - 20 * DAY_MS) });
  testDb = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

describe("image-size trends over simulated time", () => {
  it("flags nothing before the planted regression, exactly it after, and keeps it while it is the newest image", async () => {
    await syncAt(new Date(planted.createdAt.getTime() - 10 * DAY_MS));
    expect(await listSizeRegressions({}, DEFAULT_TREND_SETTINGS, { kind: "all" })).toEqual([]);
    const before = await expectCsvMatchesGroundTruth();
    expect(before.filter((r) => r[8] === "true")).toEqual([]);
    expect(before.some((r) => r[3] === planted.digest)).toBe(false);

    for (const days of [1, 60]) {
      await syncAt(new Date(planted.createdAt.getTime() + days * DAY_MS));
      const regressions = await listSizeRegressions({}, DEFAULT_TREND_SETTINGS, { kind: "all" });
      expect(regressions.map((r) => [r.registry, r.repository, r.architecture, r.image.digest])).toEqual([
        [planted.registry, planted.repository, planted.architecture, planted.digest],
      ]);
      expect(regressions[0].image).toMatchObject({
        sizeBytes: planted.sizeBytes,
        baselineBytes: planted.baselineMedianBytes,
        flagged: true,
      });
      expect(Number(regressions[0].image.growthPct)).toBeCloseTo(
        (planted.sizeBytes / planted.baselineMedianBytes - 1) * 100,
        2,
      );
      const flagged = (await expectCsvMatchesGroundTruth()).filter((r) => r[8] === "true");
      expect(flagged.map((r) => r.slice(0, 4))).toEqual([
        [planted.registry, planted.repository, planted.architecture, planted.digest],
      ]);
      expect(flagged[0].slice(5, 7).map(Number)).toEqual([planted.sizeBytes, planted.baselineMedianBytes]);
    }
  }, 180_000);

  it("serves one repository the same from the route and the CLI, with the options applied", async () => {
    await syncAt(new Date(planted.createdAt.getTime() + DAY_MS));
    const query = `?registry=${planted.registry}&repository=${encodeURIComponent(planted.repository)}&max-growth=50%25&baseline=previous`;
    const { body, records } = await csvRecords(query);
    const cli = await viaCli([
      "image-size-trends",
      "--registry",
      planted.registry,
      "--repository",
      planted.repository,
      "--max-growth",
      "50%",
      "--baseline",
      "previous",
    ]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(body);
    expect(records.length).toBeGreaterThan(5);
    expect(records.every((r) => r[1] === planted.repository && r[8] === "false")).toBe(true);
    const sizes = records.map((r) => Number(r[5]));
    expect(records.slice(1).map((r) => Number(r[6]))).toEqual(sizes.slice(0, -1));
    expect(records[0].slice(6, 8)).toEqual(["", ""]);

    // At 0 % every newest image that grew at all is a regression: the list (newest images and their
    // baseline window only) agrees with the full series of the CSV, series by series.
    const strict = { ...DEFAULT_TREND_SETTINGS, maxGrowth: { hundredthsPct: 0n } };
    const newestRows = new Map<string, string[]>();
    for (const r of (await csvRecords("?max-growth=0")).records) newestRows.set(r.slice(0, 3).join(","), r);
    const expected = [...newestRows.values()]
      .filter((r) => r[8] === "true")
      .map((r) => [r.slice(0, 4).join(","), r[6], r[7]]);
    const listed = (await listSizeRegressions({}, strict, { kind: "all" })).map((r) => [
      [r.registry, r.repository, r.architecture, r.image.digest].join(","),
      String(r.image.baselineBytes),
      r.image.growthPct,
    ]);
    expect(expected.length).toBeGreaterThan(3);
    expect(listed).toEqual(expected);

    const bad = await viaCli(["image-size-trends", "--max-growth", "0.1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid option "maxGrowth".*ambiguous/);
    expect((await viaRoute("/api/reports/image-size-trends.csv?baseline=mean")).status).toBe(422);
  }, 120_000);
});

/**
 * Property test of GET /api/gate's query parameters, with the simulator the launcher would run
 * and one of its registries in the inventory: any image, maxGrowth and baseline (and now and then
 * an unknown parameter) are answered 200 with a verdict or 4xx with our JSON error, never a 500.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/gate/route";
import { setEnvVar } from "@/lib/env";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { anyOptionValue, optionSets } from "@/lib/testing/arbitraries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry } from "@/lib/testing/factories";

let sim: RunningSimulator;
let testDb: TestDatabase;
let loginServer: string;
let repositories: string[];
let taggedImages: string[];

beforeAll(async () => {
  sim = await startSimulator({ seed: 42, scale: "small", date: new Date("2026-11-01T00:00:00Z") });
  setEnvVar("REGISTRY_LEDGER_SIMULATOR_ENDPOINT", sim.armEndpoint);
  setEnvVar("REGISTRY_LEDGER_SIMULATOR_CA_FILE", sim.caCertPath);
  testDb = await createTestDatabase();
  const registry = sim.estate().registries[0];
  loginServer = registry.loginServer;
  repositories = registry.repositories.slice(0, 3).map((r) => r.name);
  taggedImages = registry.repositories
    .slice(0, 3)
    .flatMap((r) => r.tags.slice(0, 1).map((t) => `${loginServer}/${r.name}:${t.name}`));
  const row = await createRegistry(testDb.db, { name: registry.name });
  await testDb.db.registry.update({ where: { id: row.id }, data: { loginServer } });
});

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

/** Image references near the real ones: the inventory's registry, another one, odd tags and digests. */
const image = () =>
  fc.oneof(
    anyOptionValue,
    fc.constantFrom(...taggedImages),
    fc
      .tuple(
        fc.constantFrom(loginServer, "nowhere.azurecr.io", "LOCALHOST:1", ""),
        fc.constantFrom(...repositories, "no/such-repo", "UPPER", ""),
        fc.constantFrom(":latest", ":v1", ":", "@sha256:0", `@sha256:${"a".repeat(64)}`, ":-bad", ""),
      )
      .map(([host, repository, reference]) => `${host}/${repository}${reference}`),
  );

describe("GET /api/gate query parameters (property)", () => {
  it("answers a verdict or a 4xx JSON error", async () => {
    const statuses = new Set<number>();
    const query = fc.tuple(fc.option(image(), { nil: undefined }), optionSets(["maxGrowth", "baseline"]));
    await fc.assert(
      fc.asyncProperty(query, async ([imageValue, pairs]) => {
        const params = new URLSearchParams(pairs.map(([k, v]) => [k, v]));
        if (imageValue !== undefined) params.set("image", imageValue);
        const response = await GET(new Request(`http://localhost/api/gate?${params}`));
        const text = await response.text();
        statuses.add(response.status);
        if (response.status === 200) return void expect(JSON.parse(text)).toHaveProperty("verdict");
        expect(response.status, text).toBeGreaterThanOrEqual(400);
        expect(response.status, text).toBeLessThan(500);
        expect(JSON.parse(text)).toMatchObject({
          error: expect.any(String),
          message: expect.not.stringMatching(/\n\s+at /),
        });
      }),
      { numRuns: 50 },
    );
    expect(statuses.has(200)).toBe(true);
  });
});

describe("GET /api/gate without a source to read from", () => {
  it("answers 503 naming what is missing", async () => {
    setEnvVar("REGISTRY_LEDGER_SIMULATOR_ENDPOINT", "");
    try {
      const response = await GET(new Request(`http://localhost/api/gate?image=${encodeURIComponent(taggedImages[0])}`));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        error: "unavailable",
        message: expect.stringContaining("npm start"),
      });
    } finally {
      setEnvVar("REGISTRY_LEDGER_SIMULATOR_ENDPOINT", sim.armEndpoint);
    }
  });
});

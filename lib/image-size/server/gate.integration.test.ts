/**
 * The size gate against the simulator over HTTPS with the real SDK: an ordinary image passes
 * (single- and multi-arch), the planted regression fails when gated before it is synced (the
 * inventory stops 10 days before its push, the simulator's clock is then moved past it), unknown
 * tags and registries are errors. Through runGate, the route, and the CLI's exit codes.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/gate/route";
import { simulatorConnection } from "@/lib/azure/connection";
import { DAY_MS } from "@/lib/calendar";
import { setEnvVar } from "@/lib/env";
import { isLedgerError } from "@/lib/errors";
import { generateEstate } from "@/lib/simulator/generator";
import type { PlantedRegression, SimEstate, SimManifest, SimRegistry, SimRepository } from "@/lib/simulator/estate";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { runSync } from "@/lib/sync/run-sync";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { simulatorGateSource } from "./gate-source";
import { runGate } from "./run-gate";

const SEED = 42;
const run = promisify(execFile);

let sim: RunningSimulator;
let testDb: TestDatabase;
let planted: PlantedRegression;
let synced: SimEstate;

const source = () => simulatorGateSource(sim.armEndpoint, sim.caCertPem);
const loginServerOf = (name: string) => sim.estate().registries.find((r) => r.name === name)!.loginServer;

/** The ground truth's baseline: median of the last 5 earlier images of the repository and architecture in the synced estate. */
function expectedBaseline(repo: SimRepository, image: SimManifest): number {
  const earlier = repo.manifests
    .filter(
      (m) =>
        m.architecture === image.architecture &&
        !m.subjectDigest &&
        m.digest !== image.digest &&
        m.createdAt < image.createdAt,
    )
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .slice(-5)
    .map((m) => m.sizeBytes)
    .sort((a, b) => a - b);
  return earlier.length % 2 === 1
    ? earlier[earlier.length >> 1]
    : Math.floor((earlier[earlier.length / 2 - 1] + earlier[earlier.length / 2]) / 2);
}

function findRepository(predicate: (repo: SimRepository, registry: SimRegistry) => boolean) {
  for (const registry of synced.registries)
    for (const repo of registry.repositories) if (predicate(repo, registry)) return { registry, repo };
  throw new Error("no such repository in the estate");
}

async function route(query: string) {
  const response = await GET(new Request(`http://localhost/api/gate?${query}`));
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  planted = generateEstate({ seed: SEED, scale: "small", date: new Date("2026-11-01T00:00:00Z") }).plantedRegression!;
  const syncDate = new Date(planted.createdAt.getTime() - 10 * DAY_MS);
  sim = await startSimulator({ seed: SEED, scale: "small", date: syncDate });
  testDb = await createTestDatabase();
  const summary = await runSync({
    pool: testDb.pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf: syncDate,
    concurrency: 8,
  });
  expect(summary.status).toBe("succeeded");
  synced = sim.estate();
}, 180_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

describe("size gate", () => {
  it("passes an ordinary single-arch image already synced, excluding itself from its baseline", async () => {
    const { registry, repo } = findRepository(
      (r) =>
        !r.manifests.some((m) => m.children) &&
        r.manifests.filter((m) => m.architecture).length >= 7 &&
        r.tags.some((t) => t.name === "latest"),
    );
    const latest = repo.manifests.find((m) => m.tags.includes("latest"))!;
    const verdict = await runGate({ image: `${registry.loginServer}/${repo.name}:latest` }, source());
    expect(verdict.verdict).toBe("pass");
    expect(verdict.digest).toBe(latest.digest);
    expect(verdict.platforms).toEqual([
      expect.objectContaining({
        architecture: "amd64",
        digest: latest.digest,
        sizeBytes: latest.sizeBytes,
        baselineBytes: expectedBaseline(repo, latest),
        baselineImages: 5,
        verdict: "pass",
      }),
    ]);
    expect(verdict.message).toMatch(
      new RegExp(
        `^PASS ${registry.loginServer}/${repo.name}:latest: amd64 .* vs baseline .* \\(median of 5 previous\\): [+-][0-9.]+% ≤ 10%$`,
      ),
    );
  });

  it("judges a multi-arch tag per platform", async () => {
    const { registry, repo } = findRepository(
      (r) => r.manifests.filter((m) => m.children).length >= 6 && r.tags.some((t) => t.name === "latest"),
    );
    const index = repo.manifests.find((m) => m.tags.includes("latest"))!;
    const verdict = await runGate(
      { image: `${registry.loginServer}/${repo.name}:latest`, baseline: "previous" },
      source(),
    );
    expect(verdict.verdict).toBe("pass");
    expect(verdict.digest).toBe(index.digest);
    const children = index.children!.map((c) => repo.manifests.find((m) => m.digest === c.digest)!);
    expect(verdict.platforms.map((p) => [p.architecture, p.digest, p.sizeBytes, p.verdict])).toEqual(
      children.map((c) => [c.architecture, c.digest, c.sizeBytes, "pass"]),
    );
    expect(verdict.message.split("; ")).toHaveLength(2);
  });

  it("fails the planted regression pushed after the last sync, read live with the inventory's baseline", async () => {
    sim.setDate(new Date(planted.createdAt.getTime() + DAY_MS));
    const image = `${loginServerOf(planted.registry)}/${planted.repository}:${planted.tag}`;
    const repo = synced.registries
      .find((r) => r.name === planted.registry)!
      .repositories.find((r) => r.name === planted.repository)!;
    const pushed = {
      architecture: planted.architecture,
      digest: planted.digest,
      createdAt: planted.createdAt,
    } as SimManifest;
    const baseline = expectedBaseline(repo, pushed);

    const verdict = await runGate({ image }, source());
    expect(verdict.verdict).toBe("fail");
    expect(verdict.platforms).toEqual([
      expect.objectContaining({
        architecture: "amd64",
        digest: planted.digest,
        sizeBytes: planted.sizeBytes,
        baselineBytes: baseline,
        verdict: "fail",
      }),
    ]);
    expect(Number(verdict.platforms[0].growthPct)).toBeCloseTo((planted.sizeBytes / baseline - 1) * 100, 2);
    expect(verdict.message).toMatch(/^FAIL .*: \+[0-9.]+% > 10%$/);
    expect((await runGate({ image, maxGrowth: "50%" }, source())).verdict).toBe("pass");

    setEnvVar("REGISTRY_LEDGER_SIMULATOR_ENDPOINT", sim.armEndpoint);
    setEnvVar("REGISTRY_LEDGER_SIMULATOR_CA_FILE", sim.caCertPath);
    const viaRoute = await route(`image=${encodeURIComponent(image)}&maxGrowth=10%25&baseline=median:5`);
    expect(viaRoute).toEqual({ status: 200, body: verdict });
  });

  it("answers errors: unknown tag or registry 404, bad options 422, no image 400", async () => {
    const registry = synced.registries[0];
    const repo = registry.repositories[0];
    const unknownTag = `${registry.loginServer}/${repo.name}:no-such-tag`;
    await expect(runGate({ image: unknownTag }, source())).rejects.toSatisfy(
      (e) => isLedgerError(e, "not_found") && /no tag no-such-tag/.test((e as Error).message),
    );
    await expect(runGate({ image: `nowhere.azurecr.io/${repo.name}:v1` }, source())).rejects.toSatisfy(
      (e) => isLedgerError(e, "not_found") && /Unknown registry nowhere\.azurecr\.io/.test((e as Error).message),
    );
    await expect(
      runGate({ image: `${registry.loginServer}/${repo.name}:latest`, maxGrowth: "lots" }, source()),
    ).rejects.toSatisfy((e) => isLedgerError(e, "validation"));
    expect((await route(`image=${encodeURIComponent(unknownTag)}`)).status).toBe(404);
    expect((await route(`image=${encodeURIComponent(unknownTag)}&baseline=mean`)).status).toBe(422);
    expect((await route(`image=BAD%20REF`)).status).toBe(422);
    expect((await route("maxGrowth=10")).status).toBe(400);
  });

  it("the CLI exits 1 on the regression and 2 on an unknown tag, with its own simulator at today's date", async () => {
    const cli = (image: string) =>
      run(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/gate.ts", "--image", image], {
        env: {
          NODE_ENV: "test",
          ...testDb.env,
          REGISTRY_LEDGER_SOURCE: "simulator",
          SIMULATOR_SEED: String(SEED),
          SIMULATOR_SCALE: "small",
        },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    // The inventory's login servers are this test simulator's; the CLI maps them to its own by registry name.
    const regression = await cli(`${loginServerOf(planted.registry)}/${planted.repository}:${planted.tag}`);
    expect(regression.stdout).toMatch(/^FAIL .*\+[0-9.]+% > 10%\n$/);
    expect(regression.code).toBe(1);
    const missing = await cli(`${loginServerOf(planted.registry)}/${planted.repository}:no-such-tag`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: .*no tag no-such-tag/);
  }, 120_000);
});

/**
 * `npm run gate -- --url`: the CLI asks a running instance (here the real GET /api/gate behind a
 * plain HTTP listener, in easyauth mode, with bearer tokens from the test identity provider) and
 * prints and exits as a local run does: 1 on the planted regression, 0 on an ordinary image, 2
 * without a token (401) or on an unknown tag (404).
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/gate/route";
import { simulatorConnection } from "@/lib/azure/connection";
import { DAY_MS } from "@/lib/calendar";
import { setEnvVar } from "@/lib/env";
import { generateEstate } from "@/lib/simulator/generator";
import type { RunningIdentityProvider } from "@/lib/simulator/identity-provider/server";
import { DEMO_PIPELINES } from "@/lib/simulator/identity-provider/users";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { runSync } from "@/lib/sync/run-sync";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { clientCredentialsToken, oidcEnvFor, startTestIdentityProvider } from "@/lib/testing/identity-provider";

const SEED = 42;
const run = promisify(execFile);

let sim: RunningSimulator;
let idp: RunningIdentityProvider;
let testDb: TestDatabase;
let server: Server;
let url: string;
let token: string;
let regression: string;
let ordinary: string;

beforeAll(async () => {
  const planted = generateEstate({
    seed: SEED,
    scale: "small",
    date: new Date("2026-11-01T00:00:00Z"),
  }).plantedRegression!;
  const syncDate = new Date(planted.createdAt.getTime() - 10 * DAY_MS);
  [sim, idp, testDb] = await Promise.all([
    startSimulator({ seed: SEED, scale: "small", date: syncDate }),
    startTestIdentityProvider(),
    createTestDatabase(),
  ]);
  const summary = await runSync({
    pool: testDb.pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf: syncDate,
    concurrency: 8,
  });
  expect(summary.status).toBe("succeeded");
  const estate = sim.estate();
  const loginServerOf = (name: string) => estate.registries.find((r) => r.name === name)!.loginServer;
  regression = `${loginServerOf(planted.registry)}/${planted.repository}:${planted.tag}`;
  const registry = estate.registries.find((r) =>
    r.repositories.some((repo) => repo.tags.some((t) => t.name === "latest")),
  )!;
  const repo = registry.repositories.find((r) => r.tags.some((t) => t.name === "latest"))!;
  ordinary = `${registry.loginServer}/${repo.name}:latest`;
  sim.setDate(new Date(planted.createdAt.getTime() + DAY_MS));

  for (const [name, value] of Object.entries(oidcEnvFor(idp))) vi.stubEnv(name, value);
  vi.stubEnv("AUTH_MODE", "easyauth");
  setEnvVar("REGISTRY_LEDGER_SIMULATOR_ENDPOINT", sim.armEndpoint);
  setEnvVar("REGISTRY_LEDGER_SIMULATOR_CA_FILE", sim.caCertPath);
  server = createServer((req, res) => {
    void (async () => {
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      const response = await GET(new Request(`http://127.0.0.1${req.url}`, { headers }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = await clientCredentialsToken(
    idp,
    DEMO_PIPELINES.find((p) => p.roles.includes("Ledger.Gate"))!,
  );
}, 180_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server?.close(resolve));
  await Promise.all([testDb?.drop(), sim?.close(), idp?.close()]);
});

function gate(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/gate.ts", ...args], {
    // No database: with --url the CLI reads nothing locally.
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("npm run gate -- --url", () => {
  it("prints the verdict and exits 1 on a regression, 0 on an ordinary image", { timeout: 120_000 }, async () => {
    const [failed, failedJson, passed] = await Promise.all([
      gate(["--image", regression, "--url", url, "--token", token]),
      gate(["--image", regression, "--url", url, "--json"], { REGISTRY_LEDGER_TOKEN: token }),
      gate(["--image", ordinary, "--url", url], { REGISTRY_LEDGER_TOKEN: token }),
    ]);
    expect(failed).toMatchObject({ code: 1, stderr: "" });
    expect(failed.stdout).toMatch(/^FAIL .*: \+[0-9.]+% > 10%\n$/);
    expect(failedJson.code).toBe(1);
    expect(JSON.parse(failedJson.stdout)).toMatchObject({ image: regression, verdict: "fail" });
    expect(passed).toMatchObject({ code: 0, stderr: "" });
    expect(passed.stdout).toMatch(/^PASS /);
  });

  it("exits 2 with the server's answer without a token or for an unknown tag", { timeout: 120_000 }, async () => {
    const [anonymous, unknown] = await Promise.all([
      gate(["--image", regression, "--url", url]),
      gate(["--image", `${regression}-no-such-tag`, "--url", url, "--token", token]),
    ]);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toMatch(/answered 401: .*--token or REGISTRY_LEDGER_TOKEN/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/answered 404: .*no tag/);
  });
});

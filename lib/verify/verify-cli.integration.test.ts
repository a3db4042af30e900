/**
 * `npm run verify` as a user runs it: scripts/verify.ts in a child process against a test database
 * (DATABASE_URL), its exit codes (0 clean or repaired, 1 violations, 2 error) and its --json line.
 * The repair syncs the configured source: the simulator the child starts itself.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { simulatorConnection } from "../azure/connection";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { runSync } from "../sync/run-sync";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { CHECKS } from "./violations";

const SEED = 7;
const DAY1 = new Date("2026-10-01T12:00:00Z");

let sim: RunningSimulator;
let testDb: TestDatabase;

type Run = { code: number | null; stdout: string; stderr: string };

function verifyCli(args: string[], databaseUrl?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/verify.ts", ...args],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "test",
          ...testDb.env,
          ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
          REGISTRY_LEDGER_SOURCE: "simulator",
          SIMULATOR_SEED: String(SEED),
          SIMULATOR_SCALE: "small",
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const outcomeSchema = z.strictObject({
  status: z.enum(["clean", "violations", "repaired"]),
  checkedAt: z.iso.datetime(),
  checks: z.array(z.strictObject({ check: z.enum(CHECKS), violations: z.number().int().min(0) })).length(CHECKS.length),
  violations: z.array(
    z.strictObject({
      check: z.enum(CHECKS),
      registry: z.string().optional(),
      repository: z.string().optional(),
      digest: z.string().optional(),
      month: z.string().optional(),
      day: z.string().optional(),
      message: z.string().min(1),
      affects: z.string().min(1),
    }),
  ),
});

function lastJsonLine(run: Run) {
  const lines = run.stdout.trim().split("\n");
  return outcomeSchema.parse(JSON.parse(lines.at(-1)!));
}

beforeAll(async () => {
  sim = await startSimulator({ seed: SEED, scale: "small", date: DAY1 });
  testDb = await createTestDatabase();
  const summary = await runSync({
    pool: testDb.pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf: DAY1,
    concurrency: 8,
  });
  expect(summary.status).toBe("succeeded");
}, 180_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

describe("npm run verify", () => {
  it("exits 0 with a clean JSON outcome on a clean sync", async () => {
    const run = await verifyCli(["--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const outcome = lastJsonLine(run);
    expect(outcome.status).toBe("clean");
    expect(outcome.violations).toEqual([]);
    expect(outcome.checks.map((c) => c.check)).toEqual([...CHECKS]);
  }, 120_000);

  it("exits 1 listing the violation, then --repair fetches again and exits 0", async () => {
    const { rows } = await testDb.pool.query<{ registry: string }>(
      `UPDATE repositories r SET attributed_bytes = r.attributed_bytes + 7 FROM registries g
       WHERE g.id = r.registry_id AND r.id = (SELECT min(id) FROM repositories) RETURNING g.name AS registry`,
    );
    const found = await verifyCli(["--json"]);
    expect(found.code).toBe(1);
    const outcome = lastJsonLine(found);
    expect(outcome.status).toBe("violations");
    expect(outcome.checks.find((c) => c.check === "stored-bytes")?.violations).toBe(1);
    expect(outcome.violations).toContainEqual(
      expect.objectContaining({ check: "stored-bytes", registry: rows[0].registry }),
    );

    const text = await verifyCli([]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/stored-bytes\s+1 violation/);
    expect(text.stdout).toMatch(/affects: attributed bytes/);

    const repaired = await verifyCli(["--repair", "--json"]);
    expect(repaired.stderr).not.toMatch(/error/);
    expect(repaired.code).toBe(0);
    expect(lastJsonLine(repaired)).toMatchObject({ status: "repaired", violations: [] });
    const recorded = await testDb.pool.query(
      "SELECT status, repair, repaired_count FROM verification_runs ORDER BY id DESC LIMIT 1",
    );
    expect(recorded.rows[0]).toEqual({ status: "repaired", repair: true, repaired_count: expect.any(Number) });
    expect(recorded.rows[0].repaired_count).toBeGreaterThan(0);
  }, 300_000);

  it("exits 2 on a bad flag or an unreachable database", async () => {
    const bad = await verifyCli(["--bogus"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option/);
    const unreachable = await verifyCli(["--json"], "postgresql://nobody@127.0.0.1:1/none");
    expect(unreachable.code).toBe(2);
    expect(unreachable.stdout).toBe("");
    expect(unreachable.stderr).toMatch(/^error: /);
  }, 120_000);
});

/**
 * The CLIs run for real with bad arguments (a few; the in-process property tests cover the rest): exit 2, a message on stderr, and no stack trace.
 * Each case fails while parsing its arguments, before any sync, import or server starts; the test
 * database is configured anyway so nothing could reach a real one.
 */
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(() => testDb?.drop());

async function cli(script: string, args: string[]) {
  const env = {
    NODE_ENV: "test" as const,
    ...testDb.env,
    REGISTRY_LEDGER_SOURCE: "simulator",
    REGISTRY_LEDGER_DATA_DIR: path.join(tmpdir(), "ledger-cli-test"),
  };
  return run(process.execPath, [TSX, `scripts/${script}.ts`, ...args], { env, timeout: 60_000 }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}

const CASES: [string, string[], RegExp][] = [
  ["report", ["--month", "garbage"], /unknown option '--month'/],
  ["report", ["costs", "--month", "garbage"], /Invalid option "month" for report costs/],
  ["sync", ["--concurrency", "12abc"], /whole number from 1 to 64/],
  ["gate", ["--image", "example.azurecr.io/app:v1", "--max-growth", "lots"], /max growth/],
  ["import-billing", ["--bogus", "x.csv"], /unknown option '--bogus'/],
  ["simulator", ["--port", "99999"], /whole number from 0 to 65535/],
  ["start", ["--bogus"], /unknown option '--bogus'/],
];

describe("CLIs with bad arguments", () => {
  it("exit 2 with a message and no stack trace", { timeout: 180_000 }, async () => {
    // Two at a time: each is a Node process with tsx on a shared two-core machine.
    const results: { name: string; code: number; stderr: string; expected: RegExp }[] = [];
    for (let i = 0; i < CASES.length; i += 2) {
      const batch = CASES.slice(i, i + 2);
      results.push(
        ...(await Promise.all(
          batch.map(async ([script, args, expected]) => ({
            name: `${script} ${args.join(" ")}`,
            expected,
            ...(await cli(script, args)),
          })),
        )),
      );
    }
    for (const { name, code, stderr, expected } of results) {
      expect({ name, code }).toEqual({ name, code: 2 });
      expect(stderr, name).toMatch(expected);
      expect(stderr, name).not.toMatch(/^\s+at /m);
    }
  });
});

/**
 * Property test of `npm run report`'s argument parsing, in-process against a real database: any
 * argv (report names, their flags in any order, any values, stray words) exits 0 with a report or
 * 2 with a message, and never prints a stack trace.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { anyOptionValue, edgyText } from "@/lib/testing/arbitraries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry, createRepositories } from "@/lib/testing/factories";
import { listReports } from "./catalog";
import { viaCli } from "@/lib/testing/report-test-io";

const STACK_LINE = /^\s+at /m;

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const main = await createRegistry(testDb.db, { name: "main" });
  await createRepositories(testDb.db, main.id, [{ name: "team/web" }, { name: "base" }]);
  return () => testDb.drop();
});

const toFlag = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const flags = [...new Set(listReports().flatMap((r) => r.options.map((o) => toFlag(o.name))))];

/** Words of an argv: report names, their flags, values, help, and anything at all. */
const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...listReports().map((r) => r.name)) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(...flags, "--help", "-h", "--", "-", "--format=script", "--month=2026-11", "--bogus"),
  },
  { weight: 4, arbitrary: anyOptionValue },
  { weight: 1, arbitrary: edgyText },
);
/** Mostly well-formed: a report name, then flag/value pairs. */
const reportArgv = fc
  .tuple(fc.constantFrom(...listReports()), fc.array(fc.tuple(fc.nat(), anyOptionValue), { maxLength: 3 }))
  .map(([report, pairs]) => [
    report.name,
    ...pairs.flatMap(([i, value]) =>
      report.options.length > 0 ? [toFlag(report.options[i % report.options.length].name), value] : [],
    ),
  ]);
const argv = fc.oneof(reportArgv, fc.array(word, { maxLength: 6 }));

describe("npm run report argv (property)", () => {
  it("exits 0 with a report or 2 with a message, never a stack", async () => {
    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const { code, stderr } = await viaCli(args);
        codes.add(code);
        expect([0, 2], `${JSON.stringify(args)} → ${code}: ${stderr}`).toContain(code);
        expect(stderr).not.toMatch(STACK_LINE);
        if (code === 2) expect(stderr.trim()).not.toBe("");
      }),
      { numRuns: 150 },
    );
    expect(codes).toEqual(new Set([0, 2]));
  });
});

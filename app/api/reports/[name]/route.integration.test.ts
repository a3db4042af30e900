/**
 * A policy given with a report request cannot hold the server: its keep patterns run on RE2 (the
 * pattern that froze the event loop answers at once), patterns RE2 cannot run are a 422 naming them,
 * a plan past PLAN_TIMEOUT_SECONDS stops with a 503 naming the limit, and /api/health answers while
 * a plan computes. Any policy text is a 200 or a 422 with a JSON message, never a 500.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { DAY_MS } from "@/lib/calendar";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry, createSyncRun } from "@/lib/testing/factories";
import { GET as report } from "./route";

const REPOSITORIES = 500;
const TAGS_PER_REPOSITORY = 10;
/** One repository (the first in name order) with many tags: the plan's longest synchronous stretch if it had one. */
const MONOREPO = "team/a-monorepo";
const MONOREPO_TAGS = 5_000;
const DIGEST = `sha256:${"d".repeat(64)}`;
/** The pattern of the report: exponential on JavaScript's backtracking RegExp for any tag of 30 characters or more. */
const HOSTILE = `(${".*".repeat(24)})!`;

let testDb: TestDatabase;

/** 120-character tags of a and b, distinct, ACR-valid: long enough that a backtracking engine never returns. */
const tagName = (repository: number, tag: number) =>
  Array.from({ length: 120 }, (_, j) => (((repository * TAGS_PER_REPOSITORY + tag) >> (j % 16)) & 1 ? "a" : "b")).join(
    "",
  ) + `-${repository}-${tag}`;

function cleanupPlan(policy: unknown, format?: string) {
  const url = new URL("http://localhost/api/reports/cleanup-plan.csv");
  url.searchParams.set("policy", typeof policy === "string" ? policy : JSON.stringify(policy));
  if (format) url.searchParams.set("format", format);
  return report(new Request(url), { params: Promise.resolve({ name: "cleanup-plan.csv" }) });
}

/** Resolves with the response and when it came, measured from the same start. */
async function timed(start: number, response: Promise<Response>) {
  const r = await response;
  return { status: r.status, body: await r.text(), atMs: performance.now() - start };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.db;
  const registry = await createRegistry(db, { name: "acme" });
  await createSyncRun(db, { startedAt: new Date(Date.now() - 60_000) });
  await db.manifestContent.create({ data: { digest: DIGEST, bodyBytes: 100 } });
  await db.repository.createMany({
    data: [
      ...Array.from({ length: REPOSITORIES }, (_, i) => ({ registryId: registry.id, name: `team/app-${i}` })),
      { registryId: registry.id, name: MONOREPO },
    ],
  });
  const repositories = await db.repository.findMany({ select: { id: true, name: true } });
  const old = new Date(Date.now() - 400 * DAY_MS);
  await db.manifest.createMany({
    data: repositories.map((r) => ({ repositoryId: r.id, digest: DIGEST, sizeBytes: 1000n, lastUpdatedAt: old })),
  });
  await db.tag.createMany({
    data: repositories.flatMap((r) => {
      const index = r.name === MONOREPO ? REPOSITORIES : Number(r.name.split("-").at(-1));
      const count = r.name === MONOREPO ? MONOREPO_TAGS : TAGS_PER_REPOSITORY;
      return Array.from({ length: count }, (_, t) => ({
        repositoryId: r.id,
        name: tagName(index, t),
        digest: DIGEST,
        lastUpdatedAt: old,
      }));
    }),
  });
}, 120_000);

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(() => testDb.drop());

describe("GET /api/reports/cleanup-plan.csv with a hostile policy", () => {
  it("answers the pattern that froze the server within 5 s, /api/health answering meanwhile", async () => {
    const start = performance.now();
    const [plan, probe] = await Promise.all([
      timed(start, cleanupPlan({ olderThanDays: 0, keepLatest: 0, keepPatterns: [HOSTILE] })),
      timed(start, health()),
    ]);
    expect(plan.status).toBe(200);
    expect(plan.atMs).toBeLessThan(5_000);
    // Every tag is a stale candidate the pattern does not keep: one delete row per repository's manifest.
    expect(plan.body.trim().split("\n")).toHaveLength(1 + REPOSITORIES + 1);
    expect([200, 503]).toContain(probe.status);
    expect(probe.atMs).toBeLessThan(5_000);
  });

  it("refuses a pattern RE2 cannot run with a 422 naming the field, the construct and the pattern", async () => {
    const response = await cleanupPlan({ keepPatterns: ["^latest$", "^(?=v)\\d"] }, "script");
    expect(response.status).toBe(422);
    const { error, message } = (await response.json()) as { error: string; message: string };
    expect(error).toBe("validation");
    expect(message).toContain(
      'keepPatterns[1]: uses a lookahead "(?=", which RE2 (the linear-time engine patterns run on) does not support: "^(?=v)\\\\d"',
    );
  });

  it("stops a plan past PLAN_TIMEOUT_SECONDS with a 503 naming the limit, /api/health answering before it", async () => {
    vi.stubEnv("PLAN_TIMEOUT_SECONDS", "1");
    // 100 patterns whose RE2 program exceeds the DFA's states (tens of µs per 120-character tag):
    // ten seconds or more of matching in the first repository alone, so the limit falls inside it.
    const slow = Array.from({ length: 100 }, (_, i) => `(?:a|b)*a(?:a|b){30}${"ab"[i % 2]}{${1 + (i >> 1)}}$`);
    const start = performance.now();
    const planning = timed(start, cleanupPlan({ olderThanDays: 0, keepLatest: 0, keepPatterns: slow }));
    const probe = await timed(start, health());
    const plan = await planning;
    expect(plan.status).toBe(503);
    expect(JSON.parse(plan.body)).toEqual({
      error: "unavailable",
      message:
        "The cleanup plan computation exceeded its limit of 1 s (PLAN_TIMEOUT_SECONDS) and was stopped; raise the limit or narrow the policy's keep patterns",
    });
    expect(plan.atMs).toBeLessThan(5_000);
    expect([200, 503]).toContain(probe.status);
    expect(probe.atMs).toBeLessThan(plan.atMs);
  });

  it("answers any policy text with the plan or a 422 whose JSON names the problem, never a 500", async () => {
    const keepPattern = fc.oneof(
      fc.constantFrom("^v\\d", HOSTILE, "(?<=a)", "(a)\\1", "[", "\\z"),
      fc.string({ maxLength: 30 }),
    );
    const policyText = fc.oneof(
      fc
        .record(
          { olderThanDays: fc.integer({ min: -1, max: 500 }), keepPatterns: fc.array(keepPattern, { maxLength: 3 }) },
          { requiredKeys: [] },
        )
        .map((p) => JSON.stringify(p)),
      fc.string({ maxLength: 80 }),
    );
    await fc.assert(
      fc.asyncProperty(policyText, async (text) => {
        const response = await cleanupPlan(text);
        expect([200, 422]).toContain(response.status);
        if (response.status === 422) {
          const body = (await response.json()) as { error: string; message: string };
          expect(body.error).toBe("validation");
          expect(body.message).toMatch(/^Invalid option "policy" for report cleanup-plan: /);
          expect(body.message).not.toMatch(/\n\s+at /);
        } else {
          expect((await response.text()).split("\n")[0]).toBe(
            "registry,repository,digest,tags,action,reason,last_updated_at,size_bytes",
          );
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});

/**
 * The cleanup-plan CSV streams a kept plan with backpressure: the client reads the first chunk and
 * stops; once the database has gone quiet, every kept item's digest is marked. Items the stream had
 * already read keep their digest, so the unmarked rows count what was read ahead of the client: the
 * CSV chunk it read and the one the response queues (64 KB of text each, ~250 rows here) and the
 * read being rendered, a few reads of kept items, never the registry's whole plan.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentUtcDay } from "@/lib/calendar";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { keepRegistryCleanupPlan } from "@/lib/stale/server/derived-cleanup-plan";
import { KEPT_ITEMS_READ } from "@/lib/stale/server/kept-plan-items";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { fillPlanEstate } from "@/lib/testing/plan-estate";
import { GET as report } from "./route";
import { waitForQuietDatabase } from "@/lib/testing/quiet-database";

let testDb: TestDatabase;
let items: number;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const [id] = await fillPlanEstate(
    testDb.pool,
    [{ name: "alpha", repositories: 60, manifests: 400 }],
    planAsOf(currentUtcDay()),
  );
  expect(await keepRegistryCleanupPlan(id)).toBe("computed");
  const { rows } = await testDb.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cleanup_plan_items");
  items = rows[0].n;
}, 240_000);

afterAll(() => testDb.drop());

describe("the cleanup-plan CSV's stream", () => {
  it("reads kept items only as the client reads, a few reads ahead at most", async () => {
    expect(items).toBeGreaterThan(50 * KEPT_ITEMS_READ);
    const url = "http://localhost/api/reports/cleanup-plan.csv";
    const response = await report(new Request(url), { params: Promise.resolve({ name: "cleanup-plan.csv" }) });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    await waitForQuietDatabase(testDb.pool);
    await testDb.pool.query("UPDATE cleanup_plan_items SET digest = digest || 'm'");
    for (let next = await reader.read(); !next.done; next = await reader.read())
      text += decoder.decode(next.value, { stream: true });

    const digests = text
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[2]);
    expect(digests).toHaveLength(items);
    const readAhead = digests.filter((d) => !d.endsWith("m")).length;
    expect(readAhead).toBeGreaterThan(0);
    expect(readAhead).toBeLessThanOrEqual(5 * KEPT_ITEMS_READ);
    expect(readAhead).toBeLessThan(items / 10);
    // In order: what was read before the marks, then only marked rows.
    expect(digests.slice(readAhead).every((d) => d.endsWith("m"))).toBe(true);
  }, 120_000);
});

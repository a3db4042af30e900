/**
 * Property tests of the GET routes' query parameters against a real database: any value for any
 * known parameter (and now and then an unknown one) is answered 200 with a body that streams to its
 * end, or 4xx with our JSON error; never a 500, never a stack in the message.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as inUseGet } from "@/app/api/in-use/route";
import { GET as reportGet } from "@/app/api/reports/[name]/route";
import { GET as syncStatusGet } from "@/app/api/sync/status/route";
import { anyOptionValue, edgyText, optionSets } from "@/lib/testing/arbitraries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry, createRepositories, createSyncRun } from "@/lib/testing/factories";
import { listReports } from "./catalog";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const main = await createRegistry(testDb.db, {
    name: "main",
    tags: { team: "platform" },
    replicaLocations: ["westeurope"],
  });
  const edge = await createRegistry(testDb.db, { name: "edge" });
  await createRepositories(testDb.db, main.id, [{ name: "team/web" }, { name: "payments/api" }]);
  await createRepositories(testDb.db, edge.id, [{ name: "base" }]);
  await createSyncRun(testDb.db);
  return () => testDb.drop();
});

function query(pairs: readonly (readonly [string, string])[]): string {
  return new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();
}

/** 200 whose body reads to its end, or a 4xx JSON error; returns the status. */
async function expectAnswered(response: Response): Promise<number> {
  const text = await response.text();
  if (response.status === 200) return 200;
  expect(response.status, text).toBeGreaterThanOrEqual(400);
  expect(response.status, text).toBeLessThan(500);
  const body = JSON.parse(text) as { error: string; message: string };
  expect(typeof body.error).toBe("string");
  expect(body.message).not.toMatch(/\n\s+at /);
  return response.status;
}

describe("report routes' query parameters (property)", () => {
  for (const report of listReports()) {
    it(`${report.name}: any options give 200 or a 4xx JSON error`, async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(optionSets(report.options.map((o) => o.name)), async (pairs) => {
          const url = `http://localhost/api/reports/${report.name}.csv?${query(pairs)}`;
          const response = await reportGet(new Request(url), {
            params: Promise.resolve({ name: `${report.name}.csv` }),
          });
          statuses.add(await expectAnswered(response));
        }),
        { numRuns: 40 },
      );
      expect(statuses.has(200)).toBe(true);
    });
  }

  it("an unknown or odd report name is a 404", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(edgyText, fc.constantFrom("nope.csv", "%zz", "registries.csv.csv", "../registries", "REGISTRIES.csv")),
        async (name) => {
          const response = await reportGet(new Request(`http://localhost/api/reports/x`), {
            params: Promise.resolve({ name }),
          });
          expect(await expectAnswered(response)).toBe(404);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("parameterless GET routes (property)", () => {
  it("ignore any query and answer 200", async () => {
    const routes: ((request: Request) => Promise<Response>)[] = [syncStatusGet, inUseGet];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(edgyText, anyOptionValue), { maxLength: 3 }),
        fc.constantFrom(...routes),
        async (pairs, route) => {
          const response = await route(new Request(`http://localhost/api/x?${query(pairs)}`));
          expect(await expectAnswered(response)).toBe(200);
        },
      ),
      { numRuns: 30 },
    );
  });
});

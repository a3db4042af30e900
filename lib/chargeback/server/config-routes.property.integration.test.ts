/**
 * Property tests of the chargeback rules document's routes against a real database: any body to
 * PUT /api/chargeback/config or POST /api/chargeback/preview is answered 200 or 422 with our
 * JSON error, never a 500; a rejected save leaves the stored document byte-identical (and its
 * updatedAt untouched), an accepted one stores exactly what it echoes; the preview never writes.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as configRoute from "@/app/api/chargeback/config/route";
import * as previewRoute from "@/app/api/chargeback/preview/route";
import { parseChargebackConfigText } from "@/lib/chargeback/config";
import { chargebackBody } from "@/lib/testing/arbitraries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry, createRepositories } from "@/lib/testing/factories";

let testDb: TestDatabase;

const BASELINE = JSON.stringify({
  teams: [{ name: "payments", costCenter: "CC-200" }],
  rules: [{ registry: "*", repository: "team/**", team: "payments" }],
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  const main = await createRegistry(testDb.db, { name: "main", tags: { team: "platform" } });
  const edge = await createRegistry(testDb.db, { name: "edge" });
  await createRepositories(testDb.db, main.id, [{ name: "team/web" }, { name: "payments/api" }, { name: "base" }]);
  await createRepositories(testDb.db, edge.id, [{ name: "team/cache" }, { name: "=cmd|calc" }]);
  return () => testDb.drop();
});

async function storedRow() {
  return testDb.db.chargebackConfig.findUnique({ where: { id: 1 } });
}

async function send(handler: (request: Request) => Promise<Response>, method: string, path: string, body: string) {
  const response = await handler(
    new Request(`http://localhost${path}`, { method, body, headers: { "Content-Type": "application/json" } }),
  );
  return { status: response.status, text: await response.text() };
}

function expectJsonError(text: string) {
  const body = JSON.parse(text) as { error: string; message: string; issues: { path: string; message: string }[] };
  expect(body.error).toBe("validation");
  expect(body.message).toMatch(/^Invalid chargeback config:\n {2}\S/);
  expect(body.message).not.toMatch(/\n\s+at /);
  // Every line of the message is an issue of the body, path and reason apart.
  expect(body.issues.length).toBe(body.message.split("\n").length - 1);
  for (const issue of body.issues)
    expect(issue).toEqual({ path: expect.any(String), message: expect.stringMatching(/^\S/) });
}

describe("chargeback rules routes (property)", () => {
  it("saves a body whole or refuses it leaving the stored document byte-identical", async () => {
    expect((await send(configRoute.PUT, "PUT", "/api/chargeback/config", BASELINE)).status).toBe(200);
    const handlers = [["PUT", configRoute.PUT]] as const;
    let refused = 0;
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(chargebackBody, fc.constantFrom(...handlers), async (body, [method, handler]) => {
        const before = await storedRow();
        const { status, text } = await send(handler, method, "/api/chargeback/config", body);
        const after = await storedRow();
        if (status === 422) {
          refused += 1;
          expectJsonError(text);
          expect(after?.document).toBe(before?.document);
          expect(after?.updatedAt.getTime()).toBe(before?.updatedAt.getTime());
        } else {
          saved += 1;
          expect(status).toBe(200);
          expect(after?.document).toBe(text);
          expect(parseChargebackConfigText(text)).toEqual(parseChargebackConfigText(body));
          const download = await configRoute.GET();
          expect(await download.text()).toBe(text);
        }
      }),
      { numRuns: 50 },
    );
    // Both outcomes were exercised, so the property above held for something.
    expect(refused).toBeGreaterThan(0);
    expect(saved).toBeGreaterThan(0);
  });

  it("previews a body or refuses it, and never writes", async () => {
    await send(configRoute.PUT, "PUT", "/api/chargeback/config", BASELINE);
    const stored = await storedRow();
    let previewed = 0;
    await fc.assert(
      fc.asyncProperty(chargebackBody, async (body) => {
        const { status, text } = await send(previewRoute.POST, "POST", "/api/chargeback/preview", body);
        if (status === 422) expectJsonError(text);
        else {
          expect(status).toBe(200);
          previewed += 1;
          const preview = JSON.parse(text) as { totalRepositories: number; byTeam: { repositoryCount: number }[] };
          expect(preview.totalRepositories).toBe(5);
          expect(preview.byTeam.reduce((sum, t) => sum + t.repositoryCount, 0)).toBe(5);
        }
      }),
      { numRuns: 50 },
    );
    expect(previewed).toBeGreaterThan(0);
    expect(await storedRow()).toEqual(stored);
  });
});

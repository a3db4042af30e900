/**
 * Every write route reads its body through the shared limit: a body that never ends is cut off at
 * the route's limit with a 413 naming it, and nothing is stored.
 */
import { describe, expect, it } from "vitest";
import { POST as postBilled } from "@/app/api/chargeback/billed/route";
import { PUT as putConfig } from "@/app/api/chargeback/config/route";
import { POST as postPreview } from "@/app/api/chargeback/preview/route";
import { POST as postInUse } from "@/app/api/in-use/route";
import { GET as getPolicy, PUT as putPolicy } from "@/app/api/stale/policy/route";
import { importInUseImages } from "@/lib/in-use/server/import-in-use";
import { useTestDatabase } from "@/lib/testing/database";
import { JSON_BODY_LIMIT_BYTES } from "./read-body";
import { TEST_ACTOR } from "@/lib/testing/actors";

const testDb = useTestDatabase();

const MIB = 1024 * 1024;

/** A body of `chunk` repeated for ever, counting what the route pulled. */
function endless(chunk: string) {
  const bytes = new TextEncoder().encode(chunk.repeat(Math.ceil(MIB / chunk.length)));
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  return { body, state };
}

const request = (path: string, method: string, body: BodyInit, type = "application/json") =>
  new Request(`http://localhost${path}`, {
    method,
    body,
    headers: { "Content-Type": type },
    duplex: "half",
  } as RequestInit);

async function storedState() {
  const db = testDb.db;
  return {
    imports: await db.inUseImport.findMany(),
    references: await db.inUseImageReference.count(),
    billed: await db.billedCost.findMany(),
    policy: await db.stalePolicy.findMany(),
    config: await db.chargebackConfig.findMany(),
  };
}

/** Something stored in every table the write routes change, so "unchanged" means something. */
async function seed() {
  await importInUseImages({ cluster: "prod", body: "main.azurecr.io/shop/web:1\n" }, TEST_ACTOR);
  await testDb.db.billedCost.create({
    data: {
      month: new Date("2026-11-01T00:00:00Z"),
      resourceId: "/subscriptions/s/x",
      currency: "USD",
      billedMicros: 5n,
      rowCount: 1,
    },
  });
  expect((await putPolicy(request("/api/stale/policy", "PUT", await (await getPolicy()).text()))).status).toBe(200);
  expect(
    (await putConfig(request("/api/chargeback/config", "PUT", JSON.stringify({ teams: [{ name: "shop" }] })))).status,
  ).toBe(200);
}

const ROUTES = [
  {
    name: "POST /api/in-use",
    path: "/api/in-use?cluster=prod",
    method: "POST",
    handler: postInUse,
    type: "application/octet-stream",
    limit: "64 MiB",
    chunk: "nginx:1\n",
  },
  {
    name: "POST /api/chargeback/billed",
    path: "/api/chargeback/billed?month=2026-11",
    method: "POST",
    handler: postBilled,
    type: "text/csv",
    limit: "64 MiB",
    chunk: "1,USD,x,2026-11-01\n",
  },
  {
    name: "PUT /api/stale/policy",
    path: "/api/stale/policy",
    method: "PUT",
    handler: putPolicy,
    type: "application/json",
    limit: "1 MiB",
    chunk: " ",
  },
  {
    name: "PUT /api/chargeback/config",
    path: "/api/chargeback/config",
    method: "PUT",
    handler: putConfig,
    type: "application/json",
    limit: "1 MiB",
    chunk: " ",
  },
  {
    name: "POST /api/chargeback/preview",
    path: "/api/chargeback/preview",
    method: "POST",
    handler: postPreview,
    type: "application/json",
    limit: "1 MiB",
    chunk: " ",
  },
] as const;

describe("body limits", () => {
  it.each(ROUTES)("$name answers 413 naming $limit for a body that never ends, and stores nothing", async (route) => {
    await seed();
    const before = await storedState();
    expect(before.imports).toHaveLength(1);
    expect(before.policy).toHaveLength(1);
    expect(before.config).toHaveLength(1);
    const { body, state } = endless(route.chunk);
    const response = await route.handler(request(route.path, route.method, body, route.type));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "too_large", message: `request body exceeds ${route.limit}` });
    const limitBytes = Number.parseInt(route.limit, 10) * MIB;
    expect(state.pulled).toBeLessThanOrEqual(limitBytes + 2 * MIB);
    expect(await storedState()).toEqual(before);
  });

  it("takes a JSON document of exactly the limit", async () => {
    const document = await (await getPolicy()).text();
    const padded = document + " ".repeat(JSON_BODY_LIMIT_BYTES - Buffer.byteLength(document));
    expect((await putPolicy(request("/api/stale/policy", "PUT", padded))).status).toBe(200);
    const over = await putPolicy(request("/api/stale/policy", "PUT", `${padded} `));
    expect(over.status).toBe(413);
  });
});

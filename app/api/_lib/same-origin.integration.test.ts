/**
 * Writes only from our own pages, against the real database: a browser's cross-origin write is
 * refused before anything is read or stored, a write from our origin or from a script without
 * Origin goes through as before, each write route takes only its own Content-Types (415
 * otherwise, nothing stored), and the documents refuse POST by name.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as postBilled } from "@/app/api/chargeback/billed/route";
import { GET as getConfig, POST as postConfig, PUT as putConfig } from "@/app/api/chargeback/config/route";
import { POST as postPreview } from "@/app/api/chargeback/preview/route";
import { POST as postInUse } from "@/app/api/in-use/route";
import { GET as getPolicy, POST as postPolicy, PUT as putPolicy } from "@/app/api/stale/policy/route";
import { POST as postSync } from "@/app/api/sync/route";
import { useTestDatabase } from "@/lib/testing/database";

const testDb = useTestDatabase();

const POLICY = '{"olderThanDays": 45, "keepLatest": 3}';
const CONFIG = '{"teams": [{"name": "shop"}]}';
const BILL = "BilledCost,BillingCurrency,ResourceId,ChargePeriodStart\n1,USD,/subscriptions/s/x,2026-11-01\n";
const REFUSED = { error: "forbidden", message: "cross-origin request refused" };

type Handler = (request: Request) => Promise<Response>;
type Write = { name: string; handler: Handler; method: string; path: string; type: string; body: string };

const WRITES: Write[] = [
  {
    name: "PUT /api/stale/policy",
    handler: putPolicy,
    method: "PUT",
    path: "/api/stale/policy",
    type: "application/json",
    body: POLICY,
  },
  {
    name: "PUT /api/chargeback/config",
    handler: putConfig,
    method: "PUT",
    path: "/api/chargeback/config",
    type: "application/json",
    body: CONFIG,
  },
  {
    name: "POST /api/chargeback/preview",
    handler: postPreview,
    method: "POST",
    path: "/api/chargeback/preview",
    type: "application/json",
    body: CONFIG,
  },
  {
    name: "POST /api/chargeback/billed",
    handler: postBilled,
    method: "POST",
    path: "/api/chargeback/billed?month=2026-11&allowEmpty=true",
    type: "text/csv",
    body: BILL,
  },
  {
    name: "POST /api/in-use (kubectl JSON)",
    handler: postInUse,
    method: "POST",
    path: "/api/in-use?cluster=prod",
    type: "application/json",
    body: JSON.stringify({
      kind: "List",
      items: [{ metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "main.azurecr.io/a:1" }] } }],
    }),
  },
  {
    name: "POST /api/in-use (a list as bytes)",
    handler: postInUse,
    method: "POST",
    path: "/api/in-use?cluster=prod",
    type: "application/octet-stream",
    body: "main.azurecr.io/a:1\n",
  },
];

function send(write: Write, headers: Record<string, string> = {}, type = write.type): Promise<Response> {
  const typeHeader: Record<string, string> = type ? { "Content-Type": type } : {};
  return write.handler(
    new Request(`http://localhost${write.path}`, {
      method: write.method,
      body: write.body,
      headers: { ...typeHeader, ...headers },
    }),
  );
}

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

const accepted = (status: number) => expect([200, 201]).toContain(status);

afterEach(() => vi.unstubAllEnvs());

describe("a write from another origin", () => {
  it.each(WRITES)("$name: a foreign Origin is refused with 403 and nothing is stored", async (write) => {
    const before = await storedState();
    for (const origin of ["https://evil.example", "http://localhost:3001", "https://localhost", "null"]) {
      const response = await send(write, { Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(await response.json()).toEqual(REFUSED);
    }
    expect(await storedState()).toEqual(before);
  });

  it.each(WRITES)("$name: Sec-Fetch-Site cross-site or same-site is refused, even without Origin", async (write) => {
    const before = await storedState();
    for (const site of ["cross-site", "same-site"]) {
      const response = await send(write, { "Sec-Fetch-Site": site });
      expect(response.status, site).toBe(403);
      expect(await response.json()).toEqual(REFUSED);
    }
    expect(await storedState()).toEqual(before);
  });

  it("POST /api/sync from another origin is refused before a sync is queued", async () => {
    const response = await postSync(
      new Request("http://localhost/api/sync", { method: "POST", headers: { Origin: "https://evil.example" } }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual(REFUSED);
  });

  it("reads are not refused: a GET with a foreign Origin is answered", async () => {
    const response = await getPolicy(
      new Request("http://localhost/api/stale/policy", { headers: { Origin: "https://evil.example" } }),
    );
    expect(response.status).toBe(200);
  });
});

describe("a write from our own pages or from a script", () => {
  it.each(WRITES)("$name: our Origin, a same-origin fetch, or no Origin at all goes through", async (write) => {
    accepted((await send(write, { Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" })).status);
    accepted((await send(write, {})).status);
    accepted((await send(write, { "Sec-Fetch-Site": "none" })).status);
  });

  it("stores what our own page sent", async () => {
    const response = await putPolicy(
      new Request("http://localhost/api/stale/policy", {
        method: "PUT",
        body: POLICY,
        headers: { "Content-Type": "application/json; charset=utf-8", Origin: "http://localhost" },
      }),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse((await testDb.db.stalePolicy.findFirstOrThrow()).document)).toMatchObject({ olderThanDays: 45 });
  });

  it("behind a proxy, our origin is the forwarded host and scheme", async () => {
    const forwarded = { "X-Forwarded-Host": "ledger.contoso.com", "X-Forwarded-Proto": "https" };
    const ours = await send(WRITES[0], { ...forwarded, Origin: "https://ledger.contoso.com" });
    expect(ours.status).toBe(200);
    const internal = await send(WRITES[0], { ...forwarded, Origin: "http://localhost" });
    expect(internal.status).toBe(403);
    const plain = await send(WRITES[0], { ...forwarded, Origin: "http://ledger.contoso.com" });
    expect(plain.status).toBe(403);
  });

  it("with AUTH_URL set, its origin is the only one writes may come from", async () => {
    vi.stubEnv("AUTH_URL", "https://ledger.contoso.com/");
    expect((await send(WRITES[0], { Origin: "https://ledger.contoso.com" })).status).toBe(200);
    expect((await send(WRITES[0], { Origin: "http://localhost" })).status).toBe(403);
    expect((await send(WRITES[0], {})).status).toBe(200);
  });
});

describe("content types", () => {
  const REFUSED_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""];
  const expected = (write: Write) =>
    write.path.startsWith("/api/in-use")
      ? "application/json or application/octet-stream"
      : write.path.startsWith("/api/chargeback/billed")
        ? "text/csv"
        : "application/json";

  it.each(WRITES)(
    "$name: a type a page elsewhere could post without preflight is 415, nothing stored",
    async (write) => {
      const before = await storedState();
      for (const type of REFUSED_TYPES) {
        const response = await send(write, {}, type);
        expect(response.status, type).toBe(415);
        const body = await response.json();
        expect(body.error).toBe("unsupported_media_type");
        expect(body.message).toContain(`expected Content-Type ${expected(write)}, got`);
      }
      expect(await storedState()).toEqual(before);
    },
  );

  it("the JSON documents and the bill take no CSV / JSON swapped in", async () => {
    expect((await send(WRITES[0], {}, "text/csv")).status).toBe(415);
    expect((await send(WRITES[3], {}, "application/json")).status).toBe(415);
  });
});

describe("no POST alias of PUT", () => {
  it.each([
    ["/api/stale/policy", postPolicy, POLICY, getPolicy],
    ["/api/chargeback/config", postConfig, CONFIG, getConfig],
  ] as const)("POST %s is 405 with Allow: GET, PUT, and nothing is stored", async (path, post, body, get) => {
    const before = await storedState();
    const response = await post(
      new Request(`http://localhost${path}`, { method: "POST", body, headers: { "Content-Type": "application/json" } }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, PUT");
    expect((await response.json()).error).toBe("method_not_allowed");
    expect(await storedState()).toEqual(before);
    expect((await get()).status).toBe(200);
  });
});

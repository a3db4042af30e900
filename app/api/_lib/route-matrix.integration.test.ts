/**
 * Every API route and page, with the need the one scope check holds it to. A route or page added
 * without a need (or not listed here) fails this test; then each role is sent to each route in
 * easyauth mode and must be let in exactly where the matrix says.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decide, type Need } from "@/lib/auth/access";
import type { Identity } from "@/lib/auth/identity";
import { ROLES, type Role } from "@/lib/auth/roles";
import { useTestDatabase } from "@/lib/testing/database";
import { PUBLIC, ROUTE_NEED, type RouteNeed } from "./guarded-route";

useTestDatabase();

const ROUTES: Record<string, RouteNeed> = {
  "GET /api/auth/callback": PUBLIC,
  "GET /api/auth/sign-in": PUBLIC,
  "GET /api/auth/sign-out": PUBLIC,
  "POST /api/chargeback/billed": { action: "import-bills" },
  "GET /api/chargeback/config": { action: "read" },
  "PUT /api/chargeback/config": { action: "edit-chargeback" },
  // Refused by name (405, Allow: GET, PUT): the document is replaced with PUT only.
  "POST /api/chargeback/config": PUBLIC,
  "POST /api/chargeback/preview": { action: "edit-chargeback" },
  "GET /api/gate": { action: "gate" },
  "GET /api/health": PUBLIC,
  "GET /api/in-use": { action: "read" },
  "POST /api/in-use": { action: "import-in-use" },
  "GET /api/reports/[name]": { action: "read", teamScoped: true },
  "GET /api/stale/policy": { action: "read" },
  "PUT /api/stale/policy": { action: "edit-policy" },
  "POST /api/stale/policy": PUBLIC,
  "POST /api/sync": { action: "request-sync" },
  "GET /api/sync/status": { action: "read" },
};

const PAGES: Record<string, Need> = {
  "/": { action: "read", teamScoped: true },
  "/audit": { action: "read-audit" },
  "/chargeback": { action: "read", teamScoped: true },
  "/costs": { action: "read" },
  "/costs/[registry]": { action: "read" },
  "/findings": { action: "read" },
  "/registries": { action: "read" },
  "/registries/[name]": { action: "read" },
  "/registries/[name]/repositories/[...repository]": { action: "read", teamScoped: true },
  "/replication": { action: "read" },
  "/repositories": { action: "read", teamScoped: true },
  "/size-regressions": { action: "read", teamScoped: true },
  "/stale": { action: "read", teamScoped: true },
  "/stale/policy": { action: "read" },
  "/sync": { action: "read" },
  "/teams": { action: "read", teamScoped: true },
  "/teams/[team]": { action: "read", teamScoped: true },
  "/trends": { action: "read", teamScoped: true },
};

const APP = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

type Handler = ((request?: Request, context?: unknown) => Promise<Response>) & { [ROUTE_NEED]?: RouteNeed };

async function routeHandlers(): Promise<Map<string, Handler>> {
  const handlers = new Map<string, Handler>();
  for (const file of filesNamed(path.join(APP, "api"), "route.ts")) {
    const url = `/${path.relative(APP, path.dirname(file)).split(path.sep).join("/")}`;
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof module[method] === "function") handlers.set(`${method} ${url}`, module[method] as Handler);
    }
  }
  return handlers;
}

function principal(roles: Role[], groups: string[] = []): string {
  const claims = [
    ...roles.map((val) => ({ typ: "roles", val })),
    ...groups.map((val) => ({ typ: "groups", val })),
    { typ: "name", val: "matrix user" },
  ];
  return Buffer.from(JSON.stringify({ auth_typ: "aad", name_typ: "name", role_typ: "roles", claims })).toString(
    "base64",
  );
}

function requestFor(key: string, headers: Record<string, string>): { request: Request; context: unknown } {
  const [method, url] = key.split(" ");
  const concrete = url.replace("[name]", "registries.csv");
  const request = new Request(`http://localhost${concrete}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(method === "GET" ? {} : { body: "{}" }),
  });
  return { request, context: { params: Promise.resolve({ name: "registries.csv" }) } };
}

describe("route and page matrix", () => {
  it("lists every API route with the need its handler was built with", async () => {
    const handlers = await routeHandlers();
    const found = Object.fromEntries([...handlers].map(([key, handler]) => [key, handler[ROUTE_NEED] ?? "MISSING"]));
    expect(found).toEqual(ROUTES);
  });

  it("lists every page, and each asks the scope check before anything else", () => {
    const pages = filesNamed(APP, "page.tsx");
    const found: Record<string, Need> = {};
    for (const file of pages) {
      const route = `/${path.relative(APP, path.dirname(file)).split(path.sep).join("/")}`.replace(/\/$/, "") || "/";
      const source = readFileSync(file, "utf8");
      const body = source.slice(source.indexOf("export default async function"));
      const first = body.split("\n")[1]?.trim() ?? "";
      const match = /^(?:const \{ access \} = )?await authorizePage\((\{[^}]*\})\);$/.exec(first);
      expect(match, `${route}: the page's first statement is await authorizePage(...)`).not.toBeNull();
      found[route] = Function(`return (${match![1]})`)() as Need;
    }
    expect(found).toEqual(PAGES);
  });
});

describe("in easyauth mode", () => {
  beforeEach(() => vi.stubEnv("AUTH_MODE", "easyauth"));
  afterEach(() => vi.unstubAllEnvs());

  it("answers 401 to a request without a principal on every route but health", async () => {
    for (const [key, handler] of await routeHandlers()) {
      const { request, context } = requestFor(key, {});
      const response = await handler(request, context);
      if (ROUTES[key] === PUBLIC) expect(response.status, key).not.toBe(401);
      else expect(response.status, key).toBe(401);
    }
  });

  it("lets each role through exactly the routes the matrix grants it, and answers 403 elsewhere", async () => {
    const handlers = await routeHandlers();
    for (const role of ROLES) {
      const identity: Identity = { subject: "m", name: "m", roles: [role], groups: [], via: "easyauth" };
      for (const [key, handler] of handlers) {
        const need = ROUTES[key];
        if (need === PUBLIC) continue;
        const { request, context } = requestFor(key, { "x-ms-client-principal": principal([role]) });
        const response = await handler(request, context);
        const allowed = decide(identity, need, []).ok;
        if (allowed) expect([401, 403], `${role} ${key}`).not.toContain(response.status);
        else expect(response.status, `${role} ${key}`).toBe(403);
      }
    }
  }, 120_000);

  it("answers 403 to a signed-in identity with no role and no team", async () => {
    for (const [key, handler] of await routeHandlers()) {
      if (ROUTES[key] === PUBLIC) continue;
      const { request, context } = requestFor(key, { "x-ms-client-principal": principal([]) });
      const response = await handler(request, context);
      expect(response.status, key).toBe(403);
      expect(await response.json()).toMatchObject({ error: "forbidden" });
    }
  });
});

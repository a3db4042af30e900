// Each fault kind as the wire shows it: what a client receives from the simulator under a plan.
import { createHash } from "node:crypto";
import { request } from "node:https";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SimRegistry } from "./estate";
import { startSimulator, type RunningSimulator } from "./server";

let sim: RunningSimulator;
let registry: SimRegistry;

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, scale: "small", date: new Date("2026-03-01T00:00:00Z") });
  registry = sim.estate().registries[0];
});
afterEach(() => sim.setFaults(null));
afterAll(async () => sim.close());

type Reply = { status: number; headers: Record<string, unknown>; body: Buffer };

/** One request; `timeoutMs`: give up (rejecting) when no answer came by then. */
function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", ca: sim.caCertPem, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(new Error("no answer")));
    req.on("error", reject);
    req.end(options.body);
  });
}

async function bearer(scope: string): Promise<Record<string, string>> {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const base = `https://${registry.loginServer}`;
  const service = registry.loginServer;
  const exchange = await call(`${base}/oauth2/exchange`, {
    method: "POST",
    headers: form,
    body: new URLSearchParams({ grant_type: "access_token", service, access_token: "aad" }).toString(),
  });
  const refresh_token = (JSON.parse(exchange.body.toString()) as { refresh_token: string }).refresh_token;
  const token = await call(`${base}/oauth2/token`, {
    method: "POST",
    headers: form,
    body: new URLSearchParams({ grant_type: "refresh_token", service, scope, refresh_token }).toString(),
  });
  return { Authorization: `Bearer ${(JSON.parse(token.body.toString()) as { access_token: string }).access_token}` };
}

const catalog = () => `https://${registry.loginServer}/acr/v1/_catalog`;
const arm = (path: string) =>
  call(`${sim.armEndpoint}${path}?api-version=2025-11-01`, { headers: { Authorization: "Bearer arm" } });
const registryPath = () =>
  `/subscriptions/${registry.subscriptionId}/resourceGroups/${registry.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${registry.name}`;

describe("fault kinds on the wire", () => {
  it("throttles with Retry-After, answers 503, then lets requests through once the count is spent", async () => {
    const auth = await bearer("registry:catalog:*");
    sim.setFaults({
      rules: [
        { kind: "throttle", registry: registry.name, count: 1, retryAfterSeconds: 2 },
        { kind: "error", status: 503, count: 1 },
      ],
    });
    const throttled = await call(catalog(), { headers: auth });
    expect([throttled.status, throttled.headers["retry-after"]]).toEqual([429, "2"]);
    expect((await call(catalog(), { headers: auth })).status).toBe(503);
    expect((await call(catalog(), { headers: auth })).status).toBe(200);
  });

  it("resets the connection, or holds the answer back (for a while, or for good)", async () => {
    const auth = await bearer("registry:catalog:*");
    sim.setFaults({ rules: [{ kind: "reset", path: "catalog", count: 1 }] });
    await expect(call(catalog(), { headers: auth })).rejects.toThrow();
    sim.setFaults({
      rules: [
        { kind: "stall", path: "catalog", ms: 50, count: 1 },
        { kind: "stall", path: "catalog", count: 1 },
      ],
    });
    expect((await call(catalog(), { headers: auth })).status).toBe(200);
    await expect(call(catalog(), { headers: auth, timeoutMs: 500 })).rejects.toThrow("no answer");
    expect(sim.stats().byKind["fault:stall"]).toBe(2);
  });

  it("cuts a list's JSON short", async () => {
    const auth = await bearer("registry:catalog:*");
    sim.setFaults({ rules: [{ kind: "malformedJson", path: "catalog" }] });
    const reply = await call(catalog(), { headers: auth });
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.body.toString())).toThrow();
  });

  it("serves a manifest body that does not hash to its digest, or a header naming another digest", async () => {
    const repo = registry.repositories.find((r) => r.manifests.length > 0)!;
    const manifest = repo.manifests[0];
    const auth = await bearer(`repository:${repo.name}:pull`);
    const url = `https://${registry.loginServer}/v2/${encodeURIComponent(repo.name)}/manifests/${encodeURIComponent(manifest.digest)}`;
    const headers = { ...auth, Accept: "*/*" };
    const hash = (body: Buffer) => `sha256:${createHash("sha256").update(body).digest("hex")}`;
    sim.setFaults({ rules: [{ kind: "digestMismatch", mode: "body", digest: manifest.digest }] });
    const corrupt = await call(url, { headers });
    expect([corrupt.headers["docker-content-digest"], hash(corrupt.body) === manifest.digest]).toEqual([
      manifest.digest,
      false,
    ]);
    sim.setFaults({ rules: [{ kind: "digestMismatch", mode: "header", digest: manifest.digest }] });
    const misnamed = await call(url, { headers });
    expect([misnamed.headers["docker-content-digest"] === manifest.digest, hash(misnamed.body)]).toEqual([
      false,
      manifest.digest,
    ]);
  });

  it("revokes every token issued so far: the old access and refresh tokens are refused, a new exchange works", async () => {
    const old = await bearer("registry:catalog:*");
    sim.setFaults({ rules: [{ kind: "tokenExpiry", registry: registry.name }] });
    expect((await call(catalog(), { headers: old })).status).toBe(401);
    expect((await call(catalog(), { headers: await bearer("registry:catalog:*") })).status).toBe(200);
  });

  it("deletes a registry for ARM (404 on it, or gone from the list) and forbids a subscription's lists", async () => {
    sim.setFaults({ rules: [{ kind: "registryDeleted", registry: registry.name }] });
    expect((await arm(registryPath())).status).toBe(404);
    expect((await arm(`${registryPath()}/replications`)).status).toBe(404);
    const list = `/subscriptions/${registry.subscriptionId}/providers/Microsoft.ContainerRegistry/registries`;
    const names = async () =>
      (JSON.parse((await arm(list)).body.toString()) as { value: { name: string }[] }).value.map((r) => r.name);
    expect(await names()).toContain(registry.name);
    sim.setFaults({ rules: [{ kind: "registryDeleted", scope: "list", registry: registry.name }] });
    expect(await names()).not.toContain(registry.name);
    expect((await arm(registryPath())).status).toBe(200);
    sim.setFaults({ rules: [{ kind: "subscriptionForbidden", subscription: registry.subscriptionId }] });
    const forbidden = await arm(list);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.toString()).toContain("AuthorizationFailed");
  });
});

/**
 * Access tokens for runs of repositories, through the real SDK clients against the simulator's
 * token endpoint: what reaches the registry is counted by the simulator itself.
 */
import pLimit from "p-limit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SimRegistry } from "../simulator/estate";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { CATALOG, SCOPES_PER_TOKEN, scopeKeyOf, usableUntil } from "./acr-tokens";
import { simulatorConnection } from "./connection";
import { createDataPlane, type DataPlane } from "./dataplane";

let sim: RunningSimulator;
let registry: SimRegistry;
let names: string[];

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "medium", date: new Date("2026-08-01T00:00:00Z") });
  registry = sim.estate().registries.reduce((a, b) => (b.repositories.length > a.repositories.length ? b : a));
  names = registry.repositories.map((r) => r.name);
}, 120_000);

afterEach(() => sim.setFaults(null));
afterAll(() => sim?.close());

const newPlane = () => createDataPlane(simulatorConnection(sim.armEndpoint, sim.caCertPem), registry.loginServer);

/** Every repository's properties, eight at a time in catalog order, as the sync reads them. */
async function readAll(plane: DataPlane): Promise<(string | undefined)[]> {
  plane.willRead(names);
  const limit = pLimit(8);
  return Promise.all(names.map((name) => limit(async () => (await plane.getRepository(name))?.name)));
}

describe("access tokens for runs of repositories", () => {
  it("reads each repository with one request, after one exchange and one token per run", async () => {
    expect(names.length).toBeGreaterThan(2 * SCOPES_PER_TOKEN);
    sim.resetStats();
    expect(await readAll(newPlane())).toEqual(names);
    const served = sim.stats().byKind;
    expect(served.repository).toBe(names.length);
    expect(served.exchange).toBe(1);
    expect(served.token).toBe(Math.ceil(names.length / SCOPES_PER_TOKEN));
    expect(served.challenge).toBeUndefined();
  }, 60_000);

  it("reads again on the same plane without asking for any token", async () => {
    const plane = newPlane();
    await readAll(plane);
    sim.resetStats();
    expect(await readAll(plane)).toEqual(names);
    expect(sim.stats().byKind).toMatchObject({ repository: names.length });
    expect([sim.stats().byKind.exchange, sim.stats().byKind.token]).toEqual([undefined, undefined]);
  }, 60_000);

  it("after a revocation, exchanges again and goes on with new tokens, not the SDK's per-repository ones", async () => {
    const plane = newPlane();
    await readAll(plane);
    sim.setFaults({ rules: [{ kind: "tokenExpiry", registry: registry.name }] });
    sim.resetStats();
    expect(await readAll(plane)).toEqual(names);
    const served = sim.stats().byKind;
    expect(served["fault:tokenExpiry"]).toBe(1);
    // Requests sent with the revoked token meanwhile are refused once each (at most the eight in flight).
    expect(served.challenge).toBeGreaterThanOrEqual(1);
    expect(served.challenge).toBeLessThanOrEqual(8);
    expect(served.exchange).toBe(1);
    expect(served.token).toBeLessThanOrEqual(Math.ceil(names.length / SCOPES_PER_TOKEN) + 1);
  }, 60_000);

  it("reads through the SDK's own challenge when the registry grants only the scope it challenges for", async () => {
    sim.setFaults({ rules: [{ kind: "firstScopeOnly", registry: registry.name }] });
    sim.resetStats();
    const some = names.slice(0, 20);
    const plane = newPlane();
    plane.willRead(some);
    const read = await Promise.all(some.map(async (name) => (await plane.getRepository(name))?.name));
    expect(read).toEqual(some);
    const served = sim.stats().byKind;
    expect(served.repository).toBe(some.length);
    // Each repository costs at most its run's share, one refusal and the SDK's own three requests.
    const extra = (served.challenge ?? 0) + (served.exchange ?? 0) + (served.token ?? 0);
    expect(extra).toBeLessThanOrEqual(5 * some.length);
  }, 60_000);
});

describe("a token endpoint that fails", () => {
  it("fails the reads with its error, after one series of attempts, not one per read", async () => {
    sim.setFaults({ rules: [{ kind: "error", status: 500, registry: registry.name, path: "token" }] });
    sim.resetStats();
    const some = names.slice(0, 20);
    const plane = newPlane();
    plane.willRead(some);
    const reads = await Promise.allSettled(some.map((name) => plane.getRepository(name)));
    for (const read of reads) {
      expect(read.status).toBe("rejected");
      expect(String((read as PromiseRejectedResult).reason)).toContain("ACR token request failed");
    }
    // The exchange and its four retries; the reads meanwhile wait for it, and later ones fail at once.
    expect(sim.stats().byKind["fault:error"]).toBe(5);
    expect(sim.stats().byKind.repository).toBeUndefined();
  }, 60_000);
});

describe("usableUntil", () => {
  const jwt = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.c2ln`;
  it("is five minutes before a JWT's exp", () => {
    expect(usableUntil(jwt({ exp: 2_000_000_000 }))).toBe(2_000_000_000_000 - 5 * 60 * 1000);
  });
  it("is a minute from now for a token that is not a JWT with exp", () => {
    expect(usableUntil("opaque", 1_000)).toBe(61_000);
    expect(usableUntil(jwt({ sub: "x" }), 1_000)).toBe(61_000);
  });
});

describe("scopeKeyOf", () => {
  it("names the repository a metadata or manifest request reads, decoded, and the catalog", () => {
    expect(scopeKeyOf("/acr/v1/_catalog")).toBe(CATALOG);
    expect(scopeKeyOf("/acr/v1/team%2Fapp")).toBe("team/app");
    expect(scopeKeyOf("/acr/v1/team/app/_tags")).toBe("team/app");
    expect(scopeKeyOf("/acr/v1/team%2Fapp/_manifests/sha256%3Aabc")).toBe("team/app");
    expect(scopeKeyOf("/v2/team/app/manifests/sha256:abc")).toBe("team/app");
  });
  it("names nothing for the token endpoints and other paths", () => {
    for (const path of ["/oauth2/token", "/oauth2/exchange", "/v2/", "/acr/v1/%E0%A4%A", "/"]) {
      expect(scopeKeyOf(path), path).toBeUndefined();
    }
  });
});

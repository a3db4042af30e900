// Server behaviour beyond shapes: the clock over HTTP, Accept negotiation for indexes,
// tag references, paging order, stats and usage figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:https";
import { DAY_MS } from "../calendar";
import { startSimulator, type RunningSimulator } from "./server";
import { sumDistinctBlobBytes } from "./generator";
import type { SimRegistry } from "./estate";

let sim: RunningSimulator;
const START = new Date("2026-03-01T00:00:00Z");

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, scale: "small", date: START });
});
afterAll(async () => sim.close());

function call(
  url: string,
  method = "GET",
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca: sim.caCertPem, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function bearer(r: SimRegistry, scope: string): Promise<Record<string, string>> {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const base = `https://${r.loginServer}`;
  const ex = await call(
    `${base}/oauth2/exchange`,
    "POST",
    form,
    new URLSearchParams({ grant_type: "access_token", service: r.loginServer, access_token: "aad" }).toString(),
  );
  const refresh_token = (JSON.parse(ex.text) as { refresh_token: string }).refresh_token;
  const tok = await call(
    `${base}/oauth2/token`,
    "POST",
    form,
    new URLSearchParams({ grant_type: "refresh_token", service: r.loginServer, scope, refresh_token }).toString(),
  );
  return { Authorization: `Bearer ${(JSON.parse(tok.text) as { access_token: string }).access_token}` };
}

describe("simulator server", () => {
  it("reports a registry Size usage a little above its distinct blob bytes, as ACR does", () => {
    for (const r of sim.estate().registries) {
      expect(r.loginServer).toMatch(/^localhost:\d+$/);
      const size = r.usages.find((u) => u.name === "Size")!.currentValue;
      const ratio = size / sumDistinctBlobBytes(r);
      expect(ratio).toBeGreaterThan(1.003);
      expect(ratio).toBeLessThan(1.05);
    }
  });

  it("refuses an index to clients that do not accept index types, serves it otherwise, and resolves tags", async () => {
    const r = sim
      .estate()
      .registries.find((x) => x.repositories.some((repo) => repo.manifests.some((m) => m.children && m.tags.length)))!;
    const repo = r.repositories.find((x) => x.manifests.some((m) => m.children && m.tags.length))!;
    const index = repo.manifests.find((m) => m.children && m.tags.length)!;
    const auth = await bearer(r, `repository:${repo.name}:pull`);
    const url = (ref: string): string =>
      `https://${r.loginServer}/v2/${encodeURIComponent(repo.name)}/manifests/${encodeURIComponent(ref)}`;
    const imageOnly = await call(url(index.digest), "GET", {
      ...auth,
      Accept: "application/vnd.oci.image.manifest.v1+json",
    });
    expect(imageOnly.status).toBe(404);
    const byTag = await call(url(index.tags[0]), "GET", {
      ...auth,
      Accept: `${index.mediaType}, application/vnd.oci.image.manifest.v1+json`,
    });
    expect(byTag.status).toBe(200);
    expect(byTag.headers["docker-content-digest"]).toBe(index.digest);
    expect(byTag.headers["content-type"]).toBe(index.mediaType);
    expect(byTag.text).toBe(index.body);
    const head = await call(url(index.digest), "HEAD", { ...auth, Accept: index.mediaType });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(sim.stats().manifestBodies).toBeGreaterThanOrEqual(3);
  });

  it("pages tags newest first with orderby=timedesc and the catalog to the end", async () => {
    const r = sim.estate().registries[2];
    const repo = [...r.repositories].sort((a, b) => b.tags.length - a.tags.length)[0];
    const auth = await bearer(r, `repository:${repo.name}:metadata_read`);
    let next: string | null = `/acr/v1/${encodeURIComponent(repo.name)}/_tags?n=3&orderby=timedesc`;
    const times: number[] = [];
    while (next) {
      const page = await call(`https://${r.loginServer}${next}`, "GET", auth);
      times.push(
        ...(JSON.parse(page.text) as { tags: { lastUpdateTime: string }[] }).tags.map((t) =>
          Date.parse(t.lastUpdateTime),
        ),
      );
      next = typeof page.headers.link === "string" ? page.headers.link.slice(1, page.headers.link.indexOf(">")) : null;
    }
    expect(times).toHaveLength(repo.tags.length);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const digest = repo.tags[0].digest;
    const filtered = await call(
      `https://${r.loginServer}/acr/v1/${encodeURIComponent(repo.name)}/_tags?digest=${encodeURIComponent(digest)}`,
      "GET",
      auth,
    );
    const names = (JSON.parse(filtered.text) as { tags: { name: string }[] }).tags.map((t) => t.name);
    expect(names.sort()).toEqual(
      repo.tags
        .filter((t) => t.digest === digest)
        .map((t) => t.name)
        .sort(),
    );
  });

  it("evolves over HTTP when the clock moves: changed repositories report a later lastUpdateTime", async () => {
    const before = sim.estate();
    sim.setDate(new Date(START.getTime() + 10 * DAY_MS));
    try {
      const after = sim.estate();
      expect(after.date.getTime()).toBeGreaterThan(before.date.getTime());
      const r = after.registries[2];
      const old = before.registries[2];
      const changed = r.repositories.find((repo) => {
        const prev = old.repositories.find((p) => p.name === repo.name);
        return prev && prev.lastUpdatedAt.getTime() < repo.lastUpdatedAt.getTime();
      })!;
      expect(changed).toBeDefined();
      const auth = await bearer(r, `repository:${changed.name}:metadata_read`);
      const props = await call(`https://${r.loginServer}/acr/v1/${encodeURIComponent(changed.name)}`, "GET", auth);
      expect(Date.parse((JSON.parse(props.text) as { lastUpdateTime: string }).lastUpdateTime)).toBe(
        changed.lastUpdatedAt.getTime(),
      );
    } finally {
      sim.setDate(START);
    }
  });

  it("answers 404 NAME_UNKNOWN for a repository that does not exist", async () => {
    const r = sim.estate().registries[0];
    const auth = await bearer(r, "repository:nope/nothing:metadata_read");
    const reply = await call(`https://${r.loginServer}/acr/v1/${encodeURIComponent("nope/nothing")}`, "GET", auth);
    expect(reply.status).toBe(404);
    expect(reply.text).toContain("NAME_UNKNOWN");
  });
});

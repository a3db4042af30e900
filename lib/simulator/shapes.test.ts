// Every official example payload is compared, key by key, with what the simulator answers
// for the same operation, so the SDKs (and our zod schemas) see Azure's exact shapes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import path from "node:path";
import { startSimulator, type RunningSimulator } from "./server";
import type { SimRegistry } from "./estate";
import { shapeDiff } from "@/lib/testing/shape-diff";

const EXAMPLES = path.resolve(import.meta.dirname, "../azure/fixtures/azure-api-examples");

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 5, scale: "small", date: new Date("2026-06-01T00:00:00Z") });
});
afterAll(async () => sim.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<Reply> {
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? "GET",
        ca: sim.caCertPem,
        headers: { ...init.headers, ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(Buffer.concat(chunks).toString() || "null"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function example(rel: string): unknown {
  const file = JSON.parse(readFileSync(path.join(EXAMPLES, rel), "utf8")) as {
    responses: Record<string, { body: unknown }>;
  };
  return file.responses["200"].body;
}

const api = (v: string): string => `api-version=${v}`;
const bearer = { Authorization: "Bearer test" };
const registryPath = (r: SimRegistry): string =>
  `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${r.name}`;

describe("ARM responses match the official examples", () => {
  const cases: [string, (r: SimRegistry) => string][] = [
    [
      "arm/2025-11-01/RegistryList.json",
      (r) => `/subscriptions/${r.subscriptionId}/providers/Microsoft.ContainerRegistry/registries?${api("2025-11-01")}`,
    ],
    [
      "arm/2025-11-01/RegistryListByResourceGroup.json",
      (r) =>
        `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.ContainerRegistry/registries?${api("2025-11-01")}`,
    ],
    ["arm/2025-11-01/RegistryGet.json", (r) => `${registryPath(r)}?${api("2025-11-01")}`],
    ["arm/2025-11-01/RegistryListUsages.json", (r) => `${registryPath(r)}/listUsages?${api("2025-11-01")}`],
    ["arm/2025-11-01/ReplicationList.json", (r) => `${registryPath(r)}/replications?${api("2025-11-01")}`],
    ["arm/2025-11-01/WebhookList.json", (r) => `${registryPath(r)}/webhooks?${api("2025-11-01")}`],
    ["arm/2019-06-01-preview/TasksList.json", (r) => `${registryPath(r)}/tasks?${api("2019-06-01-preview")}`],
    ["arm/2019-06-01-preview/RunsList.json", (r) => `${registryPath(r)}/runs?${api("2019-06-01-preview")}&$top=10`],
  ];
  it.each(cases)("%s", async (file, url) => {
    const premium = sim.estate().registries.find((r) => r.sku === "Premium")!;
    const reply = await call(sim.armEndpoint + url(premium), { headers: bearer });
    expect(reply.status).toBe(200);
    expect(shapeDiff(example(file), reply.body)).toEqual([]);
  });

  it("rejects requests without a bearer token and 404s unknown registries with an ARM error", async () => {
    const premium = sim.estate().registries.find((r) => r.sku === "Premium")!;
    expect((await call(`${sim.armEndpoint}${registryPath(premium)}?${api("2025-11-01")}`)).status).toBe(401);
    const missing = await call(
      `${sim.armEndpoint}${registryPath({ ...premium, name: "nothere" })}?${api("2025-11-01")}`,
      { headers: bearer },
    );
    expect(missing.status).toBe(404);
    expect(shapeDiff({ error: { code: "", message: "" } }, missing.body)).toEqual([]);
  });
});

describe("data-plane responses match the official examples", () => {
  async function token(registry: SimRegistry, scope: string): Promise<string> {
    const base = `https://${registry.loginServer}`;
    const refresh = await call(`${base}/oauth2/exchange?${api("2021-07-01")}`, {
      method: "POST",
      form: { grant_type: "access_token", service: registry.loginServer, access_token: "aad", tenant: "t" },
    });
    expect(shapeDiff(example("dataplane/PostRefreshToken.json"), refresh.body)).toEqual([]);
    const { refresh_token } = refresh.body as { refresh_token: string };
    const payload = JSON.parse(Buffer.from(refresh_token.split(".")[1], "base64url").toString()) as { exp: number };
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);
    const access = await call(`${base}/oauth2/token?${api("2021-07-01")}`, {
      method: "POST",
      form: { grant_type: "refresh_token", service: registry.loginServer, scope, refresh_token },
    });
    expect(shapeDiff(example("dataplane/PostAccessToken.json"), access.body)).toEqual([]);
    return (access.body as { access_token: string }).access_token;
  }

  it("challenges unauthenticated requests like ACR", async () => {
    const registry = sim.estate().registries[0];
    const reply = await call(`https://${registry.loginServer}/acr/v1/_catalog?${api("2021-07-01")}`);
    expect(reply.status).toBe(401);
    expect(reply.headers["www-authenticate"]).toBe(
      `Bearer realm="https://${registry.loginServer}/oauth2/token",service="${registry.loginServer}",scope="registry:catalog:*"`,
    );
  });

  it("serves catalog, repository, tag and manifest bodies with the example shapes", async () => {
    const registry = sim.estate().registries[1];
    // A single-arch repository: the example's manifest has both tags and a platform.
    const repo = registry.repositories.find(
      (r) => r.name.includes("/") && r.tags.length > 2 && r.manifests.some((m) => m.tags.length > 0 && m.architecture),
    )!;
    const base = `https://${registry.loginServer}/acr/v1`;
    const catalogToken = await token(registry, "registry:catalog:*");
    const catalog = await call(`${base}/_catalog?n=2&${api("2021-07-01")}`, {
      headers: { Authorization: `Bearer ${catalogToken}` },
    });
    expect(shapeDiff(example("dataplane/GetRepositoryList.json"), catalog.body)).toEqual([]);
    expect(catalog.headers.link).toMatch(/^<\/acr\/v1\/_catalog\?last=[^&]+&n=2&orderby=>; rel="next"$/);

    const auth = { Authorization: `Bearer ${await token(registry, `repository:${repo.name}:metadata_read`)}` };
    const name = encodeURIComponent(repo.name);
    const tagged = repo.manifests.find((m) => m.tags.length > 0 && m.architecture)!;
    const checks: [string, string][] = [
      ["dataplane/GetRepositoryAttributes.json", `${base}/${name}`],
      ["dataplane/GetTagList.json", `${base}/${name}/_tags?n=2&orderby=timedesc`],
      ["dataplane/GetTagAttributes.json", `${base}/${name}/_tags/${encodeURIComponent(repo.tags[0].name)}`],
      ["dataplane/GetManifestList.json", `${base}/${name}/_manifests?n=500`],
      ["dataplane/GetManifestAttributes.json", `${base}/${name}/_manifests/${encodeURIComponent(tagged.digest)}`],
    ];
    for (const [file, url] of checks) {
      const reply = await call(url, { headers: auth });
      expect(reply.status, file).toBe(200);
      expect(shapeDiff(example(file), reply.body), file).toEqual([]);
    }
    const tags = await call(`${base}/${name}/_tags?n=2&orderby=timedesc`, { headers: auth });
    expect(tags.headers.link).toBe(
      `</acr/v1/${name}/_tags?last=${encodeURIComponent((tags.body as { tags: { name: string }[] }).tags[1].name)}&n=2&orderby=timedesc>; rel="next"`,
    );
    // A token for one repository does not open another, as on ACR.
    const other = registry.repositories.find((r) => r.name !== repo.name)!;
    expect((await call(`${base}/${encodeURIComponent(other.name)}`, { headers: auth })).status).toBe(401);
  });
});

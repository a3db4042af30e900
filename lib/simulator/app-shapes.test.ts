// The apps endpoints answer with the official examples' shapes (ContainerApps_ListBySubscription,
// Revisions_List 2026-01-01, WebApps_List and WebApps_GetConfiguration 2025-05-01), page with nextLink, and
// 403 a provider under the armForbidden fault.
import { readFileSync } from "node:fs";
import { request } from "node:https";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { siteId } from "./apps";
import { startSimulator, type RunningSimulator } from "./server";
import { shapeDiff } from "@/lib/testing/shape-diff";

const EXAMPLES = path.resolve(import.meta.dirname, "../azure/fixtures/azure-api-examples/arm");
const example = (rel: string): unknown =>
  (JSON.parse(readFileSync(path.join(EXAMPLES, rel), "utf8")) as { responses: { "200": { body: unknown } } }).responses[
    "200"
  ].body;

/**
 * The example app is a dev-services consumer (`service: redis`, `serviceBinds`); ordinary apps,
 * which the estate has, carry no service and no bindings.
 */
const DEV_SERVICE_PATHS = [
  "$.value[].properties.configuration.service: expected object",
  "$.value[].properties.template.serviceBinds: empty array, cannot compare items",
];

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: "small", date: new Date("2026-09-01T00:00:00Z") });
});
afterAll(async () => sim.close());

function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: sim.caCertPem, headers: { Authorization: "Bearer test" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** Every page of a list, following nextLink. */
async function all(url: string): Promise<{ pages: number; value: Record<string, unknown>[] }> {
  const value: Record<string, unknown>[] = [];
  let pages = 0;
  for (let next: string | undefined = url; next; pages++) {
    const reply = await get(next);
    expect(reply.status).toBe(200);
    value.push(...(reply.body.value as Record<string, unknown>[]));
    next = reply.body.nextLink as string | undefined;
  }
  return { pages, value };
}

describe("apps endpoints match the official examples", () => {
  it("lists a subscription's container apps like ContainerApps_ListBySubscription, page by page", async () => {
    const sub = sim.subscriptionIds[0];
    const first = await get(
      `${sim.armEndpoint}/subscriptions/${sub}/providers/Microsoft.App/containerApps?api-version=2026-07-01`,
    );
    const diff = shapeDiff(example("app-2026-01-01/ContainerApps_ListBySubscription.json"), first.body).filter(
      (d) => !DEV_SERVICE_PATHS.includes(d),
    );
    expect(diff).toEqual([]);
    const listed = await all(
      `${sim.armEndpoint}/subscriptions/${sub}/providers/Microsoft.App/containerApps?api-version=2026-07-01`,
    );
    const expected = sim
      .estate()
      .apps.containerApps.filter((a) => a.subscriptionId === sub && a.kind === "containerapp");
    expect(listed.value.map((v) => v.name)).toEqual(expected.map((a) => a.name));
    expect(listed.pages).toBe(Math.ceil(expected.length / 2));
  });

  it("lists a container app's revisions like Revisions_List, the previous one still active", async () => {
    const app = sim.estate().apps.containerApps.find((a) => a.revisions.length > 1)!;
    const listed = await get(
      `${sim.armEndpoint}/subscriptions/${app.subscriptionId}/resourceGroups/${app.resourceGroup}/providers/Microsoft.App/containerApps/${app.name}/revisions?api-version=2026-07-01`,
    );
    expect(listed.status).toBe(200);
    expect(shapeDiff(example("app-2026-01-01/Revisions_List.json"), listed.body)).toEqual([]);
    const pages = await all(
      `${sim.armEndpoint}/subscriptions/${app.subscriptionId}/resourceGroups/${app.resourceGroup}/providers/Microsoft.App/containerApps/${app.name}/revisions?api-version=2026-07-01`,
    );
    const revisions = pages.value as { name: string; properties: { active: boolean; trafficWeight: number } }[];
    expect(revisions.map((r) => r.name)).toEqual(app.revisions.map((r) => r.name));
    expect(revisions.filter((r) => r.properties.active).reduce((sum, r) => sum + r.properties.trafficWeight, 0)).toBe(
      100,
    );
    expect(revisions.some((r) => !r.properties.active)).toBe(true);
  });

  it("lists sites like WebApps_List and serves config/web like WebApps_GetConfiguration", async () => {
    const sub = sim.subscriptionIds[1];
    const listed = await all(
      `${sim.armEndpoint}/subscriptions/${sub}/providers/Microsoft.Web/sites?api-version=2025-05-01`,
    );
    expect(shapeDiff(example("web-2025-05-01/ListWebApps.json"), { value: listed.value })).toEqual([]);
    expect(listed.pages).toBeGreaterThan(1);
    const portal = sim.estate().apps.sites.find((s) => s.subscriptionId === sub && s.slots.length > 0)!;
    const config = await get(`${sim.armEndpoint}${siteId(portal)}/config/web?api-version=2025-05-01`);
    expect(shapeDiff(example("web-2025-05-01/GetSiteConfig.json"), config.body)).toEqual([]);
    expect((config.body.properties as { linuxFxVersion: string }).linuxFxVersion).toBe(portal.linuxFxVersion);
    // As on Azure, the list leaves the container setting to config/web.
    expect((listed.value[0].properties as { siteConfig: { linuxFxVersion: string } }).siteConfig.linuxFxVersion).toBe(
      "",
    );
    const slot = await get(`${sim.armEndpoint}${siteId(portal, "staging")}/config/web?api-version=2025-05-01`);
    expect((slot.body.properties as { linuxFxVersion: string }).linuxFxVersion).toBe(portal.slots[0].linuxFxVersion);
  });

  it("answers 403 AuthorizationFailed for a forbidden provider and 404 for an unknown site", async () => {
    const sub = sim.subscriptionIds[0];
    sim.setFault({ kind: "armForbidden", provider: "Microsoft.App" });
    try {
      const denied = await get(
        `${sim.armEndpoint}/subscriptions/${sub}/providers/Microsoft.App/containerApps?api-version=2026-07-01`,
      );
      expect(denied.status).toBe(403);
      expect((denied.body.error as { code: string }).code).toBe("AuthorizationFailed");
      expect(
        (await get(`${sim.armEndpoint}/subscriptions/${sub}/providers/Microsoft.Web/sites?api-version=2025-05-01`))
          .status,
      ).toBe(200);
    } finally {
      sim.setFault(null);
    }
    const missing = await get(
      `${sim.armEndpoint}/subscriptions/${sub}/resourceGroups/rg-apps-0/providers/Microsoft.Web/sites/nothere/config/web?api-version=2025-05-01`,
    );
    expect(missing.status).toBe(404);
    expect(shapeDiff({ error: { code: "", message: "" } }, missing.body)).toEqual([]);
  });
});

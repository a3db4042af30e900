/**
 * Container Apps (and their active revisions), jobs, sites, slots and sitecontainers read through @azure/arm-appcontainers and
 * @azure/arm-appservice against the simulator: what the apps run is what the generator put there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAppImages } from "../simulator/apps";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { listAppServiceImages, listContainerAppImages, type AppImagesListing } from "./app-images";
import { simulatorConnection, type AzureConnection } from "./connection";

let sim: RunningSimulator;
let connection: AzureConnection;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: new Date("2026-10-01T00:00:00Z") });
  connection = simulatorConnection(sim.armEndpoint, sim.caCertPem);
});
afterAll(async () => sim.close());

const pairs = (listing: AppImagesListing) => {
  if (!listing.ok) throw new Error(listing.message);
  return listing.images.map((i) => `${i.resourceId} ${i.image}`);
};

describe("listContainerAppImages and listAppServiceImages", () => {
  it("find every image the subscriptions' apps, jobs, sites and slots run", async () => {
    const found: string[] = [];
    for (const sub of sim.subscriptionIds) {
      const apps = await listContainerAppImages(connection, sub);
      const sites = await listAppServiceImages(connection, sub);
      found.push(...pairs(apps), ...pairs(sites));
      expect(sites.ok && sites.problems).toEqual([]);
    }
    const expected = listAppImages(sim.estate().apps).map((i) => `${i.resourceId} ${i.image}`);
    expect(found.sort()).toEqual(expected.sort());
  });

  it("tells function apps, web apps, jobs and container apps apart and names containers", async () => {
    const sub = sim.subscriptionIds[0];
    const sites = await listAppServiceImages(connection, sub);
    const apps = await listContainerAppImages(connection, sub);
    if (!sites.ok || !apps.ok) throw new Error("listing failed");
    expect(sites.images.find((i) => i.resourceId.includes("/sites/func-events-"))?.resourceKind).toBe("functionapp");
    expect(
      sites.images
        .filter((i) => i.resourceId.includes("/sites/app-api-"))
        .map((i) => i.container)
        .sort(),
    ).toEqual(["main", "otel-collector"]);
    expect(sites.images.some((i) => i.resourceId.endsWith("/slots/staging"))).toBe(true);
    expect(sites.images.some((i) => i.resourceId.includes("/sites/app-docs-"))).toBe(false); // NODE|20-lts runs no image
    expect(new Set(apps.images.map((i) => i.resourceKind))).toEqual(new Set(["containerapp", "containerapp-job"]));
    // The previous revision of the web app still takes traffic; the inactive one runs nothing.
    const web = sim.estate().apps.containerApps.find((a) => a.subscriptionId === sub && a.revisions.length > 1)!;
    const previous = web.revisions.find((r) => r.active && r.name.endsWith("--rev0"))!;
    const revisionImages = apps.images.filter((i) => i.resourceId.includes("/revisions/"));
    expect(revisionImages.every((i) => i.resourceId.endsWith(`/revisions/${previous.name}`))).toBe(true);
    expect(revisionImages.map((i) => i.image)).toEqual(
      previous.containers.map((c) => c.image).filter((image) => !web.containers.some((c) => c.image === image)),
    );
    // 3 container apps and jobs; 5 sites + 1 slot.
    expect([apps.resources, sites.resources]).toEqual([3, 6]);
  });

  it("return an error entry naming the subscription and provider on a 403, not an exception", async () => {
    const sub = sim.subscriptionIds[1];
    sim.setFault({ kind: "armForbidden", provider: "Microsoft.Web" });
    try {
      const sites = await listAppServiceImages(connection, sub);
      expect(sites).toMatchObject({
        ok: false,
        source: "azure-app-service",
        subscriptionId: sub,
        provider: "Microsoft.Web",
        status: 403,
      });
      expect(!sites.ok && sites.message).toContain(
        `Microsoft.Web in subscription ${sub}: HTTP 403 AuthorizationFailed`,
      );
      expect((await listContainerAppImages(connection, sub)).ok).toBe(true);
    } finally {
      sim.setFault(null);
    }
    const unknown = await listContainerAppImages(connection, "00000000-0000-0000-0000-000000000001");
    expect(unknown).toMatchObject({ ok: false, provider: "Microsoft.App", status: 404 });
  });
});

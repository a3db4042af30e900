/** What was deleted while a sync reads (a repository, a manifest) reads as null, not as a failure. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { simulatorConnection } from "./connection";
import { createDataPlane, type DataPlane } from "./dataplane";

let sim: RunningSimulator;
let plane: DataPlane;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, scale: "small", date: new Date("2026-08-01T00:00:00Z") });
  plane = createDataPlane(simulatorConnection(sim.armEndpoint, sim.caCertPem), sim.estate().registries[0].loginServer);
}, 60_000);

afterAll(() => sim?.close());

describe("data plane", () => {
  it("reads a repository, its manifests and a body", async () => {
    const repo = sim.estate().registries[0].repositories[0];
    const props = await plane.getRepository(repo.name);
    expect(props?.lastUpdatedAt?.getTime()).toBe(repo.lastUpdatedAt.getTime());
    const manifests = await plane.listManifests(repo.name);
    expect(manifests?.map((m) => m.digest).sort()).toEqual(repo.manifests.map((m) => m.digest).sort());
    const image = repo.manifests.find((m) => m.layers.length > 0)!;
    const content = await plane.getManifestContent(repo.name, image.digest);
    expect(content?.blobs.map((b) => b.digest)).toEqual(
      [...(image.configBlob ? [image.configBlob] : []), ...image.layers].map((b) => b.digest),
    );
  });

  it("answers null for a repository or manifest that no longer exists", async () => {
    const repo = sim.estate().registries[0].repositories[0];
    expect(await plane.getRepository("deleted/meanwhile")).toBeNull();
    expect(await plane.listManifests("deleted/meanwhile")).toBeNull();
    expect(await plane.getManifestContent(repo.name, `sha256:${"0".repeat(64)}`)).toBeNull();
  });
});

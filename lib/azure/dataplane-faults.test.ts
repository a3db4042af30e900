/**
 * The data plane under the simulator's faults: a body that does not hash to its digest is refused
 * with an error naming the manifest, tokens revoked mid-way are exchanged again, and deletions
 * between reads answer null.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isLedgerError } from "../errors";
import type { SimRegistry } from "../simulator/estate";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { simulatorConnection } from "./connection";
import { createDataPlane } from "./dataplane";

let sim: RunningSimulator;
let registry: SimRegistry;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, scale: "small", date: new Date("2026-08-01T00:00:00Z") });
  registry = sim.estate().registries[0];
}, 60_000);

afterEach(() => sim.setFaults(null));
afterAll(() => sim?.close());

const plane = () => createDataPlane(simulatorConnection(sim.armEndpoint, sim.caCertPem), registry.loginServer);
const image = () => {
  const repo = registry.repositories.find((r) => r.manifests.some((m) => m.layers.length > 0))!;
  return { repo, manifest: repo.manifests.find((m) => m.layers.length > 0)! };
};

describe("data plane under faults", () => {
  it.each(["body", "header"] as const)(
    "refuses a body whose digest does not match (%s), naming the manifest",
    async (mode) => {
      const { repo, manifest } = image();
      sim.setFaults({ rules: [{ kind: "digestMismatch", mode, registry: registry.name, digest: manifest.digest }] });
      const read = plane().getManifestContent(repo.name, manifest.digest);
      await expect(read).rejects.toSatisfy((e: unknown) => isLedgerError(e, "azure"));
      await expect(read).rejects.toThrow(`manifest ${repo.name}@${manifest.digest} could not be read`);
    },
  );

  it("exchanges again when its refresh and access tokens are revoked mid-way", async () => {
    const { repo } = image();
    const kept = plane();
    expect(await kept.getRepository(repo.name)).not.toBeNull();
    sim.setFaults({ rules: [{ kind: "tokenExpiry", registry: registry.name }] });
    sim.resetStats();
    const manifests = await kept.listManifests(repo.name);
    expect(manifests?.map((m) => m.digest).sort()).toEqual(repo.manifests.map((m) => m.digest).sort());
    expect(sim.stats().byKind["fault:tokenExpiry"]).toBe(1);
    expect(sim.stats().byKind.exchange).toBe(1);
  });

  it("answers null for a repository or a manifest deleted between the listing and the read", async () => {
    const { repo, manifest } = image();
    sim.setFaults({
      rules: [
        { kind: "repositoryDeleted", registry: registry.name, repository: repo.name, path: "repository" },
        { kind: "manifestDeleted", registry: registry.name, digest: manifest.digest },
      ],
    });
    const p = plane();
    expect(await p.getRepository(repo.name)).toBeNull();
    expect(await p.listManifests(repo.name)).not.toBeNull();
    expect(await p.getManifestContent(repo.name, manifest.digest)).toBeNull();
  });

  it("sees a moved tag as the tag list placing it on another manifest", async () => {
    const repo = registry.repositories.find((r) => r.manifests.length > 1 && r.tags.length > 0)!;
    sim.setFaults({ rules: [{ kind: "tagMoved", registry: registry.name, repository: repo.name }] });
    const tags = await plane().listTags(repo.name);
    const truth = new Map(repo.tags.map((t) => [t.name, t.digest]));
    expect(tags!.filter((t) => truth.get(t.name) !== t.digest)).toHaveLength(1);
  });
});

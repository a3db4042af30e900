// Drives the unmodified Azure SDK clients against the simulator: if these pass, the sync
// code (which uses the same clients) cannot tell the simulator from Azure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "./server";
import { armClient, contentClient, registryClient } from "@/lib/testing/test-clients";
import { INDEX_MEDIA_TYPES } from "./bodies";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: new Date("2026-06-01T00:00:00Z"), armPageSize: 1 });
});
afterAll(async () => {
  await sim.close();
});

describe("management plane through ContainerRegistryManagementClient v11", () => {
  it("lists registries across nextLink pages and reads their children", async () => {
    const truth = sim.estate();
    const seen: string[] = [];
    for (const sub of sim.subscriptionIds) {
      const client = armClient(sim, sub);
      for await (const r of client.registries.list()) seen.push(r.name!);
    }
    expect(seen.sort()).toEqual(truth.registries.map((r) => r.name).sort());

    const premium = truth.registries.find((r) => r.sku === "Premium")!;
    const client = armClient(sim, premium.subscriptionId);
    const got = await client.registries.get(premium.resourceGroup, premium.name);
    expect(got.loginServer).toBe(premium.loginServer);
    expect(got.sku.name).toBe("Premium");
    const usages = await client.registries.listUsages(premium.resourceGroup, premium.name);
    expect(usages.value?.map((u) => u.name)).toEqual(["Size", "Webhooks", "Geo-replications"]);
    const replications = [];
    for await (const r of client.replications.list(premium.resourceGroup, premium.name)) replications.push(r);
    expect(replications).toHaveLength(3);
    expect(replications.map((r) => r.location)).toContain(premium.location);
    const webhooks = [];
    for await (const w of client.webhooks.list(premium.resourceGroup, premium.name)) webhooks.push(w);
    expect(webhooks.every((w) => Array.isArray(w.actions))).toBe(true);
    const tasks = [];
    for await (const t of client.tasks.list(premium.resourceGroup, premium.name)) tasks.push(t);
    expect(tasks.length).toBe(premium.tasks.length);
    const runs = [];
    for await (const run of client.runs.list(premium.resourceGroup, premium.name, { top: 50 })) runs.push(run);
    expect(runs.length).toBe(premium.runs.length);
    expect(runs[0].createTime!.getTime()).toBeGreaterThanOrEqual(runs[runs.length - 1].createTime!.getTime());
  });

  it("answers 404 with an ARM error for an unknown registry", async () => {
    const client = armClient(sim, sim.subscriptionIds[0]);
    await expect(client.registries.get("rg-nope", "nope")).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("data plane through ContainerRegistryClient 1.1.2", () => {
  it("lists repositories, manifests and tags across pages", async () => {
    const registry = sim.estate().registries[2];
    const client = registryClient(sim, registry.loginServer);
    const names: string[] = [];
    for await (const page of client.listRepositoryNames().byPage({ maxPageSize: 7 })) names.push(...page);
    expect(names).toEqual(registry.repositories.map((r) => r.name));

    const repo = registry.repositories.find((r) => r.manifests.length > 30)!;
    const repository = client.getRepository(repo.name);
    const props = await repository.getProperties();
    expect(props.manifestCount).toBe(repo.manifests.length);
    expect(props.lastUpdatedOn.getTime()).toBe(repo.lastUpdatedAt.getTime());
    const digests: string[] = [];
    for await (const page of repository.listManifestProperties().byPage({ maxPageSize: 10 }))
      digests.push(...page.map((m) => m.digest));
    expect(digests.sort()).toEqual(repo.manifests.map((m) => m.digest).sort());

    const tags: string[] = [];
    const artifact = repository.getArtifact(repo.tags[0].digest);
    for await (const page of artifact.listTagProperties().byPage({ maxPageSize: 5 }))
      tags.push(...page.map((t) => t.name));
    expect(tags.sort()).toEqual(repo.tags.map((t) => t.name).sort());
  });

  it("downloads an image manifest and an index whose digests verify", async () => {
    const registry = sim
      .estate()
      .registries.find((r) => r.repositories.some((repo) => repo.manifests.some((m) => m.children)))!;
    const repo = registry.repositories.find((r) => r.manifests.some((m) => m.children))!;
    const index = repo.manifests.find((m) => m.children)!;
    const image = repo.manifests.find((m) => m.architecture)!;
    const content = contentClient(sim, registry.loginServer, repo.name);
    const gotImage = await content.getManifest(image.digest);
    expect(gotImage.digest).toBe(image.digest);
    const gotIndex = await content.getManifest(index.digest);
    expect(INDEX_MEDIA_TYPES).toContain(gotIndex.mediaType);
    expect(gotIndex.content.toString()).toBe(index.body);
  });

  it("retries through a 429 throttle inside the SDK pipeline", async () => {
    const registry = sim.estate().registries[0];
    const client = registryClient(sim, registry.loginServer);
    sim.setFault({ kind: "throttle", every: 3 });
    try {
      const names: string[] = [];
      for await (const page of client.listRepositoryNames().byPage({ maxPageSize: 2 })) names.push(...page);
      expect(names).toHaveLength(registry.repositories.length);
      expect(sim.stats().byKind.throttled).toBeGreaterThan(0);
    } finally {
      sim.setFault(null);
    }
  }, 60_000);

  it("answers 500 for a faulted registry", async () => {
    const registry = sim.estate().registries[1];
    const client = registryClient(sim, registry.loginServer, { maxRetries: 0 });
    sim.setFault({ kind: "error500", registry: registry.name });
    try {
      await expect(client.getRepository(registry.repositories[0].name).getProperties()).rejects.toMatchObject({
        statusCode: 500,
      });
    } finally {
      sim.setFault(null);
    }
  }, 60_000);
});

import { describe, expect, it } from "vitest";
import type { AzureRegistry, AzureRepository, AzureTaskRun } from "../azure/types";
import type { FetchedRegistry } from "./types";
import { describeRead, fromStoredReadSignature, isWrittenAlready, toStoredReadSignature } from "./read-signature";

const DAY = "2026-09-01";

const registry = {
  armId: "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/r",
  subscriptionId: "s",
  resourceGroup: "g",
  name: "r",
  location: "westeurope",
  loginServer: "r.azurecr.io",
  skuName: "Premium",
  adminUserEnabled: false,
  networkRuleIpCount: 0,
  anonymousPullEnabled: false,
  dataEndpointEnabled: false,
  privateEndpointCount: 0,
  tags: { team: "platform" },
} satisfies AzureRegistry;

const locks = { deleteEnabled: true, writeEnabled: true, listEnabled: true, readEnabled: true };
const repository = (name: string, updated: string): AzureRepository => ({
  name,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  lastUpdatedAt: new Date(updated),
  ...locks,
});
const run = (runId: string, status: string): AzureTaskRun => ({ runId, status, outputImages: [] });

function read(parts: Partial<FetchedRegistry> & { runs?: AzureTaskRun[] } = {}): FetchedRegistry {
  const { runs = [run("ca1", "Succeeded"), run("ca2", "Running")], ...rest } = parts;
  return {
    registry,
    details: { usages: [], replications: [], webhooks: [], tasks: [], runs },
    repositoryNames: ["app/a", "app/b"],
    unchanged: [repository("app/a", "2026-08-30T00:00:00Z"), repository("app/b", "2026-08-31T00:00:00Z")],
    changed: [],
    newContents: [],
    manifestErrors: [],
    ...rest,
  };
}

describe("a registry read compared with the one written", () => {
  it("is the same whatever order its repositories were read in and its objects' keys were built in", () => {
    const written = describeRead(read(), DAY);
    const reordered = read({
      registry: Object.fromEntries(Object.entries(registry).reverse()) as unknown as AzureRegistry,
      unchanged: [repository("app/b", "2026-08-31T00:00:00Z"), repository("app/a", "2026-08-30T00:00:00Z")],
    });
    expect(isWrittenAlready(describeRead(reordered, DAY), written)).toBe(true);
    // A repository listed as changed in the write and unchanged now is described by its properties alike.
    const [a, b] = read().unchanged;
    const asChanged = read({ unchanged: [a], changed: [{ properties: b, manifests: [], tags: [] }] });
    expect(describeRead(asChanged, DAY)).toEqual(written);
  });

  it("differs with a repository's properties, a registry's property, another day or another repository", () => {
    const written = describeRead(read(), DAY);
    const differs = (fetched: FetchedRegistry, day = DAY) =>
      expect(isWrittenAlready(describeRead(fetched, day), written)).toBe(false);
    differs(
      read({ unchanged: [repository("app/a", "2026-08-30T00:00:00Z"), repository("app/b", "2026-09-01T00:00:00Z")] }),
    );
    differs(
      read({
        unchanged: [{ ...repository("app/a", "2026-08-30T00:00:00Z"), writeEnabled: false }, read().unchanged[1]],
      }),
    );
    differs(read({ registry: { ...registry, skuName: "Standard" } }));
    differs(read(), "2026-09-02");
    differs(read({ unchanged: [...read().unchanged, repository("app/c", "2026-08-01T00:00:00Z")] }));
  });

  it("holds when its runs are fewer than the write's, each as written; not with a run new or changed", () => {
    const written = describeRead(read(), DAY);
    expect(isWrittenAlready(describeRead(read({ runs: [run("ca2", "Running")] }), DAY), written)).toBe(true);
    expect(
      isWrittenAlready(describeRead(read({ runs: [run("ca1", "Succeeded"), run("ca2", "Succeeded")] }), DAY), written),
    ).toBe(false);
    expect(
      isWrittenAlready(
        describeRead(read({ runs: [run("ca1", "Succeeded"), run("ca2", "Running"), run("ca3", "Queued")] }), DAY),
        written,
      ),
    ).toBe(false);
  });

  it("is the same once stored as JSON and read back with its token; with another token or of another shape it is no description", () => {
    const token = "5b0f8c1e-8a44-4c1d-9d3f-0c5e3f2a7b10";
    const written = describeRead(read(), DAY);
    const json: unknown = JSON.parse(JSON.stringify(toStoredReadSignature(written, token)));
    const stored = fromStoredReadSignature(json, token);
    expect(stored).toEqual(written);
    expect(fromStoredReadSignature(json, "0d9b7a52-2f0e-4a7b-8c61-3e4f5a6b7c8d")).toBeUndefined();
    expect(fromStoredReadSignature(json, null)).toBeUndefined();
    expect(isWrittenAlready(describeRead(read({ runs: [run("ca2", "Running")] }), DAY), stored!)).toBe(true);
    expect(isWrittenAlready(describeRead(read({ runs: [run("ca2", "Succeeded")] }), DAY), stored!)).toBe(false);
    const { runs: _, ...withoutRuns } = toStoredReadSignature(written, token);
    for (const other of [null, undefined, {}, withoutRuns, { token, signature: 1, runs: {} }])
      expect(fromStoredReadSignature(other, token)).toBeUndefined();
  });
});

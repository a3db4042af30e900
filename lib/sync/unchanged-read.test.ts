import { describe, expect, it } from "vitest";
import type { AzureRegistry, AzureRepository, AzureTaskRun } from "../azure/types";
import type { FetchedRegistry } from "./types";
import { describeRead, isWrittenAlready } from "./unchanged-read";

const AS_OF = new Date("2026-09-01T11:00:00Z");

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
    const written = describeRead(read(), AS_OF);
    const reordered = read({
      registry: Object.fromEntries(Object.entries(registry).reverse()) as unknown as AzureRegistry,
      unchanged: [repository("app/b", "2026-08-31T00:00:00Z"), repository("app/a", "2026-08-30T00:00:00Z")],
    });
    expect(isWrittenAlready(describeRead(reordered, AS_OF), written)).toBe(true);
    // A repository listed as changed in the write and unchanged now is described by its properties alike.
    const [a, b] = read().unchanged;
    const asChanged = read({ unchanged: [a], changed: [{ properties: b, manifests: [], tags: [] }] });
    expect(describeRead(asChanged, AS_OF)).toEqual(written);
  });

  it("differs with a repository's properties, a registry's property, another day or another repository", () => {
    const written = describeRead(read(), AS_OF);
    const differs = (fetched: FetchedRegistry, asOf = AS_OF) =>
      expect(isWrittenAlready(describeRead(fetched, asOf), written)).toBe(false);
    differs(
      read({ unchanged: [repository("app/a", "2026-08-30T00:00:00Z"), repository("app/b", "2026-09-01T00:00:00Z")] }),
    );
    differs(
      read({
        unchanged: [{ ...repository("app/a", "2026-08-30T00:00:00Z"), writeEnabled: false }, read().unchanged[1]],
      }),
    );
    differs(read({ registry: { ...registry, skuName: "Standard" } }));
    differs(read(), new Date("2026-09-02T01:00:00Z"));
    differs(read({ unchanged: [...read().unchanged, repository("app/c", "2026-08-01T00:00:00Z")] }));
  });

  it("holds when its runs are fewer than the write's, each as written; not with a run new or changed", () => {
    const written = describeRead(read(), AS_OF);
    expect(isWrittenAlready(describeRead(read({ runs: [run("ca2", "Running")] }), AS_OF), written)).toBe(true);
    expect(
      isWrittenAlready(
        describeRead(read({ runs: [run("ca1", "Succeeded"), run("ca2", "Succeeded")] }), AS_OF),
        written,
      ),
    ).toBe(false);
    expect(
      isWrittenAlready(
        describeRead(read({ runs: [run("ca1", "Succeeded"), run("ca2", "Running"), run("ca3", "Queued")] }), AS_OF),
        written,
      ),
    ).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { PlanItem } from "./decide";
import { decodeRegistryPlan, encodeRegistryPlan } from "./plan-codec";

const item = (over: Partial<PlanItem>): PlanItem => ({
  registry: "acr1",
  repository: "app",
  digest: "sha256:aa",
  tags: ["v1"],
  action: "delete",
  reason: "tag is stale",
  reasonCode: "stale-tags",
  lastUpdatedAt: new Date("2026-01-02T03:04:05.678Z"),
  sizeBytes: 9_007_199_254_740_993n,
  ...over,
});

describe("plan codec", () => {
  it("gives back every item in order, with its registry, times and exact bytes", () => {
    const items = [
      item({}),
      item({
        digest: "sha256:bb",
        tags: [],
        action: "keep",
        reasonCode: "in-use",
        reason: "in use",
        lastUpdatedAt: null,
      }),
      item({ repository: "web", digest: "sha256:cc", action: "untag", sizeBytes: 0n }),
      item({ repository: "app", digest: "sha256:dd" }),
    ];
    const body = encodeRegistryPlan({ items, reclaimableBytes: 12_345_678_901_234_567n });
    expect(decodeRegistryPlan("acr1", body)).toEqual({ items, reclaimableBytes: 12_345_678_901_234_567n });
  });

  it("keeps each reason text once", () => {
    const items = ["a", "b", "c"].map((digest) => item({ digest: `sha256:${digest}` }));
    const body = encodeRegistryPlan({ items, reclaimableBytes: 0n });
    expect(body.split("tag is stale")).toHaveLength(2);
    expect(decodeRegistryPlan("acr1", body)?.items).toEqual(items);
  });

  it("reads an empty plan", () => {
    expect(decodeRegistryPlan("acr1", encodeRegistryPlan({ items: [], reclaimableBytes: 0n }))).toEqual({
      items: [],
      reclaimableBytes: 0n,
    });
  });

  it("refuses a body of another shape (recomputed instead)", () => {
    expect(decodeRegistryPlan("acr1", "not json")).toBeNull();
    expect(decodeRegistryPlan("acr1", JSON.stringify({ items: [] }))).toBeNull();
    expect(
      decodeRegistryPlan("acr1", JSON.stringify({ reclaimableBytes: "x", reasons: [], repositories: [] })),
    ).toBeNull();
    const item = ["sha256:aa", [], "keep", "in-use", 3, null, "1"];
    expect(
      decodeRegistryPlan(
        "acr1",
        JSON.stringify({ reclaimableBytes: "1", reasons: ["in use"], repositories: [["app", [item]]] }),
      ),
    ).toBeNull();
  });
});

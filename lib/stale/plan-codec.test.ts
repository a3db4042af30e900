import { describe, expect, it } from "vitest";
import type { PlanItem } from "./decide";
import { decodePlanDigest, digestRegistryPlan, digestRows, encodePlanDigest } from "./plan-codec";

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

const ITEMS = [
  item({}),
  item({ digest: "sha256:bb", tags: [], action: "keep", reasonCode: "in-use", reason: "in use", lastUpdatedAt: null }),
  item({ digest: "sha256:b2", tags: ["a", "b"], sizeBytes: 7n }),
  item({ repository: "web", digest: "sha256:cc", action: "untag", reasonCode: "other-tags-kept", sizeBytes: 0n }),
  item({ repository: "web", digest: "sha256:dd", tags: ["x", "y", "z"] }),
];

describe("plan digest", () => {
  it("counts each repository's rows, tags and exact bytes by action and reason, with its position range", () => {
    const { digest, reasonIndexes } = digestRegistryPlan({ items: ITEMS, reclaimableBytes: 12n }, "p1");
    expect(digest.reasons).toEqual(["tag is stale", "in use"]);
    expect(reasonIndexes).toEqual([0, 1, 0, 0, 0]);
    expect(digest.runs).toEqual([
      {
        repository: "app",
        start: 0,
        rows: 3,
        groups: [
          { action: "delete", reasonCode: "stale-tags", rows: 2, tags: 3, sizeBytes: 9_007_199_254_741_000n },
          { action: "keep", reasonCode: "in-use", rows: 1, tags: 0, sizeBytes: 9_007_199_254_740_993n },
        ],
      },
      {
        repository: "web",
        start: 3,
        rows: 2,
        groups: [
          { action: "untag", reasonCode: "other-tags-kept", rows: 1, tags: 1, sizeBytes: 0n },
          { action: "delete", reasonCode: "stale-tags", rows: 1, tags: 3, sizeBytes: 9_007_199_254_740_993n },
        ],
      },
    ]);
    expect(digestRows(digest)).toBe(ITEMS.length);
  });

  it("reads back what it wrote, positions recounted", () => {
    const { digest } = digestRegistryPlan({ items: ITEMS, reclaimableBytes: 12_345_678_901_234_567n }, "p1");
    expect(decodePlanDigest(encodePlanDigest(digest))).toEqual(digest);
    const empty = digestRegistryPlan({ items: [], reclaimableBytes: 0n }, "p2").digest;
    expect(decodePlanDigest(encodePlanDigest(empty))).toEqual({
      planId: "p2",
      reclaimableBytes: 0n,
      reasons: [],
      runs: [],
    });
  });

  it("keeps a repository that comes back later as a run of its own (positions stay contiguous)", () => {
    const items = [item({}), item({ repository: "web" }), item({ digest: "sha256:ee" })];
    const { digest } = digestRegistryPlan({ items, reclaimableBytes: 0n }, "p");
    expect(digest.runs.map((r) => [r.repository, r.start, r.rows])).toEqual([
      ["app", 0, 1],
      ["web", 1, 1],
      ["app", 2, 1],
    ]);
  });

  it("refuses a body of another shape (recomputed instead)", () => {
    expect(decodePlanDigest("not json")).toBeNull();
    // The previous format: the items themselves, no plan id.
    expect(decodePlanDigest(JSON.stringify({ reclaimableBytes: "1", reasons: [], repositories: [] }))).toBeNull();
    expect(decodePlanDigest(JSON.stringify({ planId: "p", reclaimableBytes: "x", reasons: [], runs: [] }))).toBeNull();
    expect(
      decodePlanDigest(
        JSON.stringify({
          planId: "p",
          reclaimableBytes: "1",
          reasons: [],
          runs: [["app", [["delete", "stale-tags", "2", 0, "1"]]]],
        }),
      ),
    ).toBeNull();
  });
});

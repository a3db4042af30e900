import { describe, expect, it } from "vitest";
import {
  forgetKeptInventory,
  keepInventory,
  keepManifestBlobs,
  keptInventory,
  keptManifestBlobs,
  type BlobRefsByRepository,
} from "./kept-inventory";

const refs = (): BlobRefsByRepository =>
  new Map([["team/app", [{ repository: "team/app", blobDigest: "sha256:aa", sizeBytes: 10n, manifestRefs: 2 }]]]);

describe("kept inventory", () => {
  const rows = () =>
    new Map([["team/app", { manifests: new Map([["sha256:m1", "k1"]]), tags: new Map([["latest", "t1"]]) }]]);

  it("is handed back only for the inventory token it was kept with", () => {
    const inventory = { refs: refs(), rows: rows() };
    keepInventory(7, "token-1", inventory);
    expect(keptInventory(7, "token-1")).toMatchObject(inventory);
    expect(keptInventory(7, "token-2")).toBeUndefined();
    expect(keptInventory(7, null)).toBeUndefined();
    expect(keptInventory(8, "token-1")).toBeUndefined();
  });

  it("is replaced by the next write's, which may not know the refs", () => {
    keepInventory(9, "a", { refs: refs(), rows: rows() });
    const next = rows();
    keepInventory(9, "b", { rows: next });
    expect(keptInventory(9, "a")).toBeUndefined();
    expect(keptInventory(9, "b")?.rows).toBe(next);
    expect(keptInventory(9, "b")?.refs).toBeUndefined();
  });
});

describe("kept manifest blobs", () => {
  it("hold each blob of a manifest once, with its size as a bigint", () => {
    keepManifestBlobs([
      {
        digest: "sha256:m1",
        blobs: [
          { digest: "sha256:c", sizeBytes: 5 },
          { digest: "sha256:l", sizeBytes: 7 },
          { digest: "sha256:l", sizeBytes: 7 },
        ],
      },
    ]);
    expect(keptManifestBlobs("sha256:m1")).toEqual([
      { digest: "sha256:c", sizeBytes: 5n },
      { digest: "sha256:l", sizeBytes: 7n },
    ]);
    expect(keptManifestBlobs("sha256:unknown")).toBeUndefined();
    keepManifestBlobs([{ digest: "sha256:index", blobs: [] }]);
    expect(keptManifestBlobs("sha256:index")).toEqual([]);
  });
});

describe("forgetting what was kept", () => {
  it("leaves nothing: neither inventories nor manifests' blobs", () => {
    keepInventory(11, "t", { rows: new Map() });
    keepManifestBlobs([{ digest: "sha256:m9", blobs: [] }]);
    expect(keptInventory(11, "t")).toBeDefined();
    expect(keptManifestBlobs("sha256:m9")).toEqual([]);
    forgetKeptInventory();
    expect(keptInventory(11, "t")).toBeUndefined();
    expect(keptManifestBlobs("sha256:m9")).toBeUndefined();
  });
});

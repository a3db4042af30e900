import { describe, expect, it } from "vitest";
import {
  forgetBlobRefs, forgetRowKeys, keepBlobRefs, keepManifestBlobs, keepRowKeys, keptBlobRefs, keptManifestBlobs, keptRowKeys,
  type BlobRefsByRepository,
} from "./kept-inventory";

const refs = (): BlobRefsByRepository =>
  new Map([["team/app", [{ repository: "team/app", blobDigest: "sha256:aa", sizeBytes: 10n, manifestRefs: 2 }]]]);

describe("kept blob refs", () => {
  it("are handed back only for the inventory token they were kept with", () => {
    const kept = refs();
    keepBlobRefs(7, "token-1", kept);
    expect(keptBlobRefs(7, "token-1")).toBe(kept);
    expect(keptBlobRefs(7, "token-2")).toBeUndefined();
    expect(keptBlobRefs(7, null)).toBeUndefined();
    expect(keptBlobRefs(8, "token-1")).toBeUndefined();
  });

  it("are replaced by the next write's and dropped when forgotten", () => {
    keepBlobRefs(9, "a", refs());
    const next = refs();
    keepBlobRefs(9, "b", next);
    expect(keptBlobRefs(9, "a")).toBeUndefined();
    expect(keptBlobRefs(9, "b")).toBe(next);
    forgetBlobRefs(9);
    expect(keptBlobRefs(9, "b")).toBeUndefined();
  });
});

describe("kept manifest blobs", () => {
  it("hold each blob of a manifest once, with its size as a bigint", () => {
    keepManifestBlobs([{ digest: "sha256:m1", blobs: [{ digest: "sha256:c", sizeBytes: 5 }, { digest: "sha256:l", sizeBytes: 7 }, { digest: "sha256:l", sizeBytes: 7 }] }]);
    expect(keptManifestBlobs("sha256:m1")).toEqual([{ digest: "sha256:c", sizeBytes: 5n }, { digest: "sha256:l", sizeBytes: 7n }]);
    expect(keptManifestBlobs("sha256:unknown")).toBeUndefined();
  });
});

describe("kept row keys", () => {
  it("follow the same token rule as the refs", () => {
    const rows = new Map([["team/app", { manifests: new Map([["sha256:m1", "k1"]]), tags: new Map([["latest", "t1"]]) }]]);
    keepRowKeys(11, "t-1", rows);
    expect(keptRowKeys(11, "t-1")).toBe(rows);
    expect(keptRowKeys(11, "t-2")).toBeUndefined();
    expect(keptRowKeys(11, null)).toBeUndefined();
    forgetRowKeys(11);
    expect(keptRowKeys(11, "t-1")).toBeUndefined();
  });
});

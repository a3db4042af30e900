import { describe, expect, it } from "vitest";
import { reclaimableBytes, type BlobRef } from "./reclaimable";

const blob = (digest: string, sizeBytes: bigint): BlobRef => ({ digest, sizeBytes });
const base = blob("base", 50_000_000n);
const config = (n: number) => blob(`config-${n}`, 1_000n);

describe("reclaimableBytes", () => {
  const manifestBlobs = new Map<string, BlobRef[]>([
    ["old", [config(1), base, blob("old-app", 7_000_000n)]],
    ["older", [config(2), base, blob("old-app", 7_000_000n), blob("older-app", 3_000n)]],
    ["new", [config(3), base, blob("new-app", 9_000_000n)]],
    ["index", []],
  ]);

  it("frees only blobs no kept manifest references: a layer shared with a kept image stays", () => {
    expect(reclaimableBytes({ deletedDigests: ["old"], keptDigests: ["new", "older", "index"], manifestBlobs })).toBe(
      1_000n,
    );
    expect(reclaimableBytes({ deletedDigests: ["old"], keptDigests: ["new"], manifestBlobs })).toBe(
      1_000n + 7_000_000n,
    );
  });

  it("counts a blob shared by two deleted manifests once", () => {
    expect(reclaimableBytes({ deletedDigests: ["old", "older", "index"], keptDigests: ["new"], manifestBlobs })).toBe(
      2_000n + 7_000_000n + 3_000n,
    );
  });

  it("frees everything when nothing is kept, and nothing when a deleted digest is kept elsewhere", () => {
    expect(reclaimableBytes({ deletedDigests: ["old", "new"], keptDigests: [], manifestBlobs })).toBe(
      2_000n + 50_000_000n + 16_000_000n,
    );
    expect(reclaimableBytes({ deletedDigests: ["old"], keptDigests: ["old"], manifestBlobs })).toBe(0n);
  });

  it("sums beyond 2^53 exactly", () => {
    const huge = new Map([["a", [blob("x", 2n ** 53n), blob("y", 1n)]]]);
    expect(reclaimableBytes({ deletedDigests: ["a"], keptDigests: [], manifestBlobs: huge })).toBe(2n ** 53n + 1n);
  });
});

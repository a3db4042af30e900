import { describe, expect, it } from "vitest";
import { computeRegistryStorage, remainderOffset, splitEvenly, type RepositoryBlobRef } from "./storage";

const ref = (repository: string, blobDigest: string, sizeBytes: number, manifestRefs = 1): RepositoryBlobRef => ({
  repository,
  blobDigest,
  sizeBytes: BigInt(sizeBytes),
  manifestRefs,
});

describe("computeRegistryStorage", () => {
  it("counts logical bytes once per referencing manifest", () => {
    const s = computeRegistryStorage([ref("a", "sha256:01", 100, 3), ref("a", "sha256:02", 10, 1)]);
    expect(s.repositories.get("a")?.logicalBytes).toBe(310n);
    expect(s.storedBytes).toBe(110n);
    expect(s.logicalBytes).toBe(310n);
  });

  it("counts unique bytes only for blobs no other repository references", () => {
    const s = computeRegistryStorage([
      ref("a", "sha256:base", 1000),
      ref("b", "sha256:base", 1000),
      ref("a", "sha256:app", 7),
    ]);
    expect(s.repositories.get("a")?.uniqueBytes).toBe(7n);
    expect(s.repositories.get("b")?.uniqueBytes).toBe(0n);
  });

  it("splits shared blobs so attributed bytes sum exactly to stored bytes", () => {
    const refs = [
      ref("a", "sha256:aaaa0001", 10),
      ref("b", "sha256:aaaa0001", 10),
      ref("c", "sha256:aaaa0001", 10),
      ref("b", "sha256:bbbb0002", 5),
      ref("c", "sha256:bbbb0002", 5),
    ];
    const s = computeRegistryStorage(refs);
    const total = [...s.repositories.values()].reduce((sum, r) => sum + r.attributedBytes, 0n);
    expect(total).toBe(s.storedBytes);
    expect(s.storedBytes).toBe(15n);
    // 10 over 3 sharers: 3 each plus one extra byte for exactly one of them.
    const shares = ["a", "b", "c"].map((n) => s.repositories.get(n)!.attributedBytes);
    expect(shares.reduce((x, y) => x + y, 0n)).toBe(15n);
    expect(s.repositories.get("a")!.attributedBytes === 3n || s.repositories.get("a")!.attributedBytes === 4n).toBe(
      true,
    );
  });

  it("is deterministic whatever the input order", () => {
    const refs = [
      ref("x", "sha256:00000007", 1001),
      ref("y", "sha256:00000007", 1001),
      ref("z", "sha256:00000007", 1001),
    ];
    const forward = computeRegistryStorage(refs);
    const backward = computeRegistryStorage([...refs].reverse());
    for (const name of ["x", "y", "z"]) {
      expect(backward.repositories.get(name)).toEqual(forward.repositories.get(name));
    }
  });

  it("keeps repositories without blobs (only indexes, or empty) at zero", () => {
    const s = computeRegistryStorage([ref("a", "sha256:01", 5)], ["a", "empty"]);
    expect(s.repositories.get("empty")).toEqual({ logicalBytes: 0n, uniqueBytes: 0n, attributedBytes: 0n });
  });

  it("handles sizes beyond 2^53 exactly", () => {
    const big = 2n ** 60n + 1n;
    const s = computeRegistryStorage([
      { repository: "a", blobDigest: "sha256:ff", sizeBytes: big, manifestRefs: 1 },
      { repository: "b", blobDigest: "sha256:ff", sizeBytes: big, manifestRefs: 1 },
    ]);
    expect(s.repositories.get("a")!.attributedBytes + s.repositories.get("b")!.attributedBytes).toBe(big);
  });
});

describe("splitEvenly", () => {
  it("gives the remainder to consecutive sharers from the offset, wrapping", () => {
    const got: Record<string, bigint> = {};
    splitEvenly(11n, ["a", "b", "c", "d"], 3, (n, v) => (got[n] = v));
    // 11 = 4×2 + 3: positions from offset 3 are d, a, b → +1 each.
    expect(got).toEqual({ a: 3n, b: 3n, c: 2n, d: 3n });
  });
});

describe("remainderOffset", () => {
  it("is within range and stable", () => {
    expect(remainderOffset("sha256:0000000a", 4)).toBe(10 % 4);
    expect(remainderOffset("sha256:0000000a", 1)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { judgeImage } from "./gate";
import { DEFAULT_TREND_SETTINGS } from "./image-size";

const IMAGE = "contoso.azurecr.io/team/app:v2";
const amd64 = (sizeBytes: bigint, previousSizes: bigint[]) => ({
  architecture: "amd64",
  digest: "sha256:a",
  sizeBytes,
  previousSizes,
});
const arm64 = (sizeBytes: bigint, previousSizes: bigint[]) => ({
  architecture: "arm64",
  digest: "sha256:b",
  sizeBytes,
  previousSizes,
});

describe("judgeImage", () => {
  it("passes an image within the threshold and prints both sizes and the growth", () => {
    const v = judgeImage(
      IMAGE,
      "sha256:a",
      [amd64(105_000_000n, [90n, 100_000_000n, 100_000_000n, 99_000_000n, 101_000_000n, 100_000_000n])],
      DEFAULT_TREND_SETTINGS,
    );
    expect(v.verdict).toBe("pass");
    expect(v.platforms[0]).toEqual({
      architecture: "amd64",
      digest: "sha256:a",
      sizeBytes: 105_000_000,
      baselineBytes: 100_000_000,
      baselineImages: 5,
      growthPct: "5",
      verdict: "pass",
    });
    expect(v.message).toBe(
      "PASS contoso.azurecr.io/team/app:v2: amd64 100 MiB (105,000,000 bytes) vs baseline 95.4 MiB (100,000,000 bytes) (median of 5 previous): +5% ≤ 10%",
    );
  });

  it("fails a multi-arch image when any platform grew past the threshold", () => {
    const v = judgeImage(IMAGE, "sha256:i", [amd64(100n, [100n, 100n]), arm64(130n, [100n, 101n])], {
      ...DEFAULT_TREND_SETTINGS,
      baseline: { kind: "previous" },
    });
    expect(v.verdict).toBe("fail");
    expect(v.platforms.map((p) => [p.architecture, p.verdict, p.growthPct])).toEqual([
      ["amd64", "pass", "0"],
      ["arm64", "fail", "28.71"],
    ]);
    expect(v.message).toMatch(
      /^FAIL .*: amd64 .*\+0% ≤ 10%; arm64 130 B \(130 bytes\) vs baseline 101 B \(101 bytes\) \(previous image\): \+28\.71% > 10%$/,
    );
  });

  it("passes with no baseline and says so; a shrinking image passes with a negative growth", () => {
    const none = judgeImage(IMAGE, "sha256:a", [amd64(100n, [])], DEFAULT_TREND_SETTINGS);
    expect(none.verdict).toBe("pass");
    expect(none.platforms[0]).toMatchObject({
      verdict: "no-baseline",
      baselineBytes: null,
      baselineImages: 0,
      growthPct: null,
    });
    expect(none.message).toBe(
      "PASS (no baseline) contoso.azurecr.io/team/app:v2: amd64 100 B (100 bytes), no baseline (no earlier amd64 image in the inventory)",
    );
    const shrunk = judgeImage(IMAGE, "sha256:a", [amd64(80n, [100n])], DEFAULT_TREND_SETTINGS);
    expect(shrunk.message).toMatch(/-20% ≤ 10%$/);
    expect(shrunk.platforms[0].baselineImages).toBe(1);
  });

  it("fails at one byte over the threshold and passes exactly at it", () => {
    expect(judgeImage(IMAGE, "d", [amd64(1_100n, [1_000n])], DEFAULT_TREND_SETTINGS).verdict).toBe("pass");
    expect(judgeImage(IMAGE, "d", [amd64(1_101n, [1_000n])], DEFAULT_TREND_SETTINGS).verdict).toBe("fail");
  });
});

import { describe, expect, it } from "vitest";
import { baselineBytes, computeSizeTrend, judgeGrowth, medianBytes, type SizedImage } from "./image-size";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const image = (n: number, sizeBytes: number, digest = `sha256:${String(n).padStart(4, "0")}`): SizedImage => ({
  digest,
  createdAt: day(n),
  sizeBytes: BigInt(sizeBytes),
});
const TEN_PERCENT = { hundredthsPct: 1000n };

describe("medianBytes and baselineBytes", () => {
  it("takes the middle size, or the mean of the two middle ones rounded down", () => {
    expect(medianBytes([5n, 1n, 3n])).toBe(3n);
    expect(medianBytes([4n, 1n])).toBe(2n);
    expect(medianBytes([10n, 20n, 30n, 41n])).toBe(25n);
  });

  it("uses the previous N images, fewer when fewer exist, none for the first", () => {
    const previous = [100n, 900n, 110n, 120n, 130n, 140n];
    expect(baselineBytes([], { kind: "median", count: 5 })).toBeNull();
    expect(baselineBytes([100n], { kind: "median", count: 5 })).toBe(100n);
    expect(baselineBytes(previous, { kind: "median", count: 5 })).toBe(130n);
    expect(baselineBytes(previous, { kind: "median", count: 3 })).toBe(130n);
    expect(baselineBytes(previous, { kind: "median", count: 2 })).toBe(135n);
    expect(baselineBytes(previous, { kind: "previous" })).toBe(140n);
  });
});

describe("judgeGrowth", () => {
  it("rounds the growth half away from zero in hundredths of a percent", () => {
    expect(judgeGrowth(1_297_737n, 1_000_000n, TEN_PERCENT).growthHundredthsPct).toBe(2977n);
    expect(judgeGrowth(1_000_050n, 1_000_000n, TEN_PERCENT).growthHundredthsPct).toBe(1n);
    expect(judgeGrowth(999_950n, 1_000_000n, TEN_PERCENT).growthHundredthsPct).toBe(-1n);
    expect(judgeGrowth(3n, 7n, TEN_PERCENT).growthHundredthsPct).toBe(-5714n);
  });

  it("flags strictly above the threshold, on the exact ratio rather than the rounded one", () => {
    expect(judgeGrowth(1_100_000n, 1_000_000n, TEN_PERCENT)).toEqual({ growthHundredthsPct: 1000n, flagged: false });
    // 10.00004 % rounds to 10.00 % but is above 10 %.
    expect(judgeGrowth(110_000_004n, 100_000_000n, TEN_PERCENT)).toEqual({ growthHundredthsPct: 1000n, flagged: true });
    expect(judgeGrowth(900n, 1000n, TEN_PERCENT).flagged).toBe(false);
    expect(judgeGrowth(1n, 0n, TEN_PERCENT)).toEqual({ growthHundredthsPct: null, flagged: false });
    expect(judgeGrowth(5n, null, TEN_PERCENT)).toEqual({ growthHundredthsPct: null, flagged: false });
  });
});

describe("computeSizeTrend", () => {
  it("orders by creation (ties by digest), compares each image with the median of the previous 5", () => {
    const images = [
      image(7, 150),
      image(2, 102),
      image(1, 100),
      image(4, 104),
      image(3, 101),
      image(5, 103),
      image(6, 106),
    ];
    const tied = { digest: "sha256:0000", createdAt: day(6), sizeBytes: 99n };
    const trend = computeSizeTrend([...images, tied]);
    expect(trend.map((p) => Number(p.sizeBytes))).toEqual([100, 102, 101, 104, 103, 99, 106, 150]);
    expect(trend.map((p) => p.baselineBytes)).toEqual([null, 100n, 101n, 101n, 101n, 102n, 102n, 103n]);
    expect(trend.map((p) => p.flagged)).toEqual([false, false, false, false, false, false, false, true]);
    expect(trend[7].growthHundredthsPct).toBe(4563n);
  });

  it("with the previous image as baseline a one-off spike flags once and its successor shrinks", () => {
    const trend = computeSizeTrend([image(1, 100), image(2, 100), image(3, 130), image(4, 100)], {
      baseline: { kind: "previous" },
      maxGrowth: TEN_PERCENT,
    });
    expect(trend.map((p) => p.flagged)).toEqual([false, false, true, false]);
    expect(trend.map((p) => p.growthHundredthsPct)).toEqual([null, 0n, 3000n, -2308n]);
  });

  it("honours the threshold and gives an empty series for no images", () => {
    const images = [image(1, 100), image(2, 115)];
    expect(
      computeSizeTrend(images, { baseline: { kind: "median", count: 5 }, maxGrowth: { hundredthsPct: 2000n } })[1]
        .flagged,
    ).toBe(false);
    expect(computeSizeTrend(images)[1].flagged).toBe(true);
    expect(computeSizeTrend([])).toEqual([]);
  });
});

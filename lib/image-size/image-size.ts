/**
 * Image size per build. An image's size is its config plus its layers (each distinct blob once,
 * as a manifest body lists them). For each repository and architecture, images are ordered by
 * creation time (ties by digest); each is compared with a baseline of the images before it:
 *
 * - median:N: the median of the previous N images' sizes (fewer when fewer exist; the first image
 *   has none). With an even count, the mean of the two middle sizes, rounded down to a byte.
 * - previous: the size of the image just before.
 *
 * growth = (size − baseline) / baseline, held exactly in hundredths of a percent, rounded half away
 * from zero (29.7737 % → 2977). An image is flagged when its exact growth is above the threshold:
 * (size − baseline) × 10000 > threshold(hundredths of %) × baseline, so rounding never flips it.
 */
import { compareCodePoints } from "@/lib/compare";
import { DEFAULT_BASELINE, DEFAULT_MAX_GROWTH, type Baseline, type MaxGrowth } from "./settings";

export type SizedImage = { digest: string; createdAt: Date; sizeBytes: bigint };

export type ImageSizeTrendPoint = SizedImage & {
  /** null for the first image of a series. */
  baselineBytes: bigint | null;
  /** Growth against the baseline in hundredths of a percent (2977 = 29.77 %); null without a baseline. */
  growthHundredthsPct: bigint | null;
  flagged: boolean;
};

export type TrendSettings = { baseline: Baseline; maxGrowth: MaxGrowth };
export const DEFAULT_TREND_SETTINGS: TrendSettings = { baseline: DEFAULT_BASELINE, maxGrowth: DEFAULT_MAX_GROWTH };

/** Creation order, ties (and missing times, first) broken by digest. */
export function compareImages(a: { digest: string; createdAt: Date }, b: { digest: string; createdAt: Date }): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || compareCodePoints(a.digest, b.digest);
}

export function medianBytes(sizes: readonly bigint[]): bigint {
  if (sizes.length === 0) throw new Error("median of no sizes");
  const sorted = [...sizes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2n;
}

/** The baseline of an image from the sizes of the images before it, oldest first; null if none. */
export function baselineBytes(previousSizes: readonly bigint[], baseline: Baseline): bigint | null {
  if (previousSizes.length === 0) return null;
  const count = baseline.kind === "previous" ? 1 : baseline.count;
  return medianBytes(previousSizes.slice(-count));
}

function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** Growth in hundredths of a percent and the verdict against the threshold; a zero baseline never flags. */
export function judgeGrowth(
  sizeBytes: bigint,
  baseline: bigint | null,
  maxGrowth: MaxGrowth,
): { growthHundredthsPct: bigint | null; flagged: boolean } {
  if (baseline === null || baseline <= 0n) return { growthHundredthsPct: null, flagged: false };
  const delta = sizeBytes - baseline;
  return {
    growthHundredthsPct: roundHalfAwayFromZero(delta * 10_000n, baseline),
    flagged: delta * 10_000n > maxGrowth.hundredthsPct * baseline,
  };
}

/** One repository-and-architecture series, in creation order, each image against its baseline. */
export function computeSizeTrend(
  images: readonly SizedImage[],
  settings: TrendSettings = DEFAULT_TREND_SETTINGS,
): ImageSizeTrendPoint[] {
  const ordered = [...images].sort(compareImages);
  const sizes: bigint[] = [];
  return ordered.map((image) => {
    const baseline = baselineBytes(sizes, settings.baseline);
    sizes.push(image.sizeBytes);
    return { ...image, baselineBytes: baseline, ...judgeGrowth(image.sizeBytes, baseline, settings.maxGrowth) };
  });
}

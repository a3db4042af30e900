/** Image-size trend points as they cross to pages and CSV: bytes as numbers, times as ISO strings, growth as a decimal percentage. */
import type { ImageSizeTrendPoint } from "@/lib/image-size/image-size";
import { formatHundredths } from "@/lib/image-size/settings";
import { bytesToNumber, optionalBytesToNumber } from "../views";

export type SizePointView = {
  digest: string;
  createdAt: string;
  sizeBytes: number;
  baselineBytes: number | null;
  /** "29.77" (percent, 2 decimals at most, rounded half away from zero); null without a baseline. */
  growthPct: string | null;
  flagged: boolean;
};

export function toSizePointView(point: ImageSizeTrendPoint): SizePointView {
  return {
    digest: point.digest,
    createdAt: point.createdAt.toISOString(),
    sizeBytes: bytesToNumber(point.sizeBytes),
    baselineBytes: optionalBytesToNumber(point.baselineBytes),
    growthPct: point.growthHundredthsPct === null ? null : formatHundredths(point.growthHundredthsPct),
    flagged: point.flagged,
  };
}

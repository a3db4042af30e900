/**
 * The size gate's verdict on a freshly pushed image: each platform's size (config + layers, read
 * live) against the baseline of the earlier images of the same repository and architecture in
 * the inventory. A multi-arch image fails when any platform fails. A platform with no earlier
 * image has no baseline: it passes, and the verdict says so ("no baseline").
 */
import { formatBytes, formatExactBytes } from "@/lib/format";
import { baselineBytes, judgeGrowth, type TrendSettings } from "./image-size";
import { formatBaseline, formatHundredths, formatMaxGrowth } from "./settings";

export type GatePlatformInput = {
  architecture: string;
  digest: string;
  sizeBytes: bigint;
  /** Sizes of the earlier images of this repository and architecture, oldest first (at least the baseline's N last). */
  previousSizes: bigint[];
};

export type GatePlatformVerdict = {
  architecture: string;
  digest: string;
  sizeBytes: number;
  baselineBytes: number | null;
  /** How many earlier images the baseline was taken over. */
  baselineImages: number;
  growthPct: string | null;
  verdict: "pass" | "fail" | "no-baseline";
};

export type GateVerdict = {
  image: string;
  digest: string;
  verdict: "pass" | "fail";
  baseline: string;
  maxGrowth: string;
  platforms: GatePlatformVerdict[];
  /** The one-line verdict the CLI prints. */
  message: string;
};

export function judgePlatform(input: GatePlatformInput, settings: TrendSettings): GatePlatformVerdict {
  const baseline = baselineBytes(input.previousSizes, settings.baseline);
  const { growthHundredthsPct, flagged } = judgeGrowth(input.sizeBytes, baseline, settings.maxGrowth);
  const window = settings.baseline.kind === "previous" ? 1 : settings.baseline.count;
  return {
    architecture: input.architecture,
    digest: input.digest,
    sizeBytes: Number(input.sizeBytes),
    baselineBytes: baseline === null ? null : Number(baseline),
    baselineImages: Math.min(window, input.previousSizes.length),
    growthPct: growthHundredthsPct === null ? null : formatHundredths(growthHundredthsPct),
    verdict: baseline === null ? "no-baseline" : flagged ? "fail" : "pass",
  };
}

const sized = (bytes: number) => `${formatBytes(bytes)} (${formatExactBytes(bytes)})`;
const signed = (pct: string) => (pct.startsWith("-") ? `${pct}%` : `+${pct}%`);

function describePlatform(p: GatePlatformVerdict, settings: TrendSettings): string {
  if (p.baselineBytes === null || p.growthPct === null)
    return `${p.architecture} ${sized(p.sizeBytes)}, no baseline (no earlier ${p.architecture} image in the inventory)`;
  const basis = settings.baseline.kind === "previous" ? "previous image" : `median of ${p.baselineImages} previous`;
  const comparison = p.verdict === "fail" ? ">" : "≤";
  return `${p.architecture} ${sized(p.sizeBytes)} vs baseline ${sized(p.baselineBytes)} (${basis}): ${signed(p.growthPct)} ${comparison} ${formatMaxGrowth(settings.maxGrowth)}`;
}

export function judgeImage(
  image: string,
  digest: string,
  platforms: GatePlatformInput[],
  settings: TrendSettings,
): GateVerdict {
  const judged = platforms.map((p) => judgePlatform(p, settings));
  const failed = judged.some((p) => p.verdict === "fail");
  const noBaseline = judged.length > 0 && judged.every((p) => p.verdict === "no-baseline");
  const head = failed ? "FAIL" : noBaseline ? "PASS (no baseline)" : "PASS";
  return {
    image,
    digest,
    verdict: failed ? "fail" : "pass",
    baseline: formatBaseline(settings.baseline),
    maxGrowth: formatMaxGrowth(settings.maxGrowth),
    platforms: judged,
    message: `${head} ${image}: ${judged.map((p) => describePlatform(p, settings)).join("; ")}`,
  };
}

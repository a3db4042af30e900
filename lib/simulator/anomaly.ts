// The planted anomaly: once a month one repository of the third registry (Premium, at every
// scale) receives an offline bundle, an OCI artifact of a few unique multi-GiB layers, pushed just after
// midnight UTC on the 3rd and deleted (tag and manifest) a week later by its owners' cleanup. Its
// day adds several GiB to a repository whose usual day adds megabytes, so the anomaly detection
// flags it; its deletion is a drop, which is never flagged, and storage does not grow for ever.
// The bundle draws nothing from the repository's random stream: the rest of its history is the
// history it would have without the plant.
import { DAY_MS, isoDay } from "../calendar";
import type { RepoPlan } from "./repositories";

export const BUNDLE_DAY_OF_MONTH = 3;
/** After midnight UTC and before any other event of the day, so that day's sync sees the bundle as pushed that day. */
export const BUNDLE_OFFSET_MS = 10 * 60_000;
/** Days a bundle is kept: it is deleted at the same minute this many days after its push. */
export const BUNDLE_KEEP_DAYS = 7;
export const BUNDLE_LAYERS = 3;
export const BUNDLE_ARTIFACT_TYPE = "application/vnd.contoso.offline-bundle.v1";
const GIB = 1024 ** 3;
/** Each layer's size range: 3.6–4.8 GiB a bundle. */
export const BUNDLE_LAYER_BYTES = { min: Math.round(1.2 * GIB), max: Math.round(1.6 * GIB) } as const;
/** The registry (by position) the anomaly is planted in: the third one exists at every scale. */
export const ANOMALY_REGISTRY_INDEX = 2;

/** Whether a bundle is pushed on the day starting at `dayMs` (midnight UTC). */
export function isBundleDay(dayMs: number): boolean {
  return new Date(dayMs).getUTCDate() === BUNDLE_DAY_OF_MONTH;
}

/**
 * The days (YYYY-MM-DD, ascending) whose bundle is pushed within [fromMs, toMs]: the days the
 * planted repository's attributed bytes jump, for an estate whose repository exists by then.
 */
export function anomalyDays(fromMs: number, toMs: number): string[] {
  const days: string[] = [];
  const first = Math.floor((fromMs - BUNDLE_OFFSET_MS) / DAY_MS) * DAY_MS;
  for (let dayMs = first; dayMs + BUNDLE_OFFSET_MS <= toMs; dayMs += DAY_MS)
    if (dayMs + BUNDLE_OFFSET_MS >= fromMs && isBundleDay(dayMs)) days.push(isoDay(dayMs));
  return days;
}

/** The tag a bundle pushed at `pushMs` carries: `bundle-YYYYMMDD`. */
export function bundleTag(pushMs: number): string {
  return `bundle-${isoDay(pushMs).replaceAll("-", "")}`;
}

/**
 * The repository of a registry's names that receives the bundles: the first team repository whose
 * owners still push to it from early on (not frozen, never abandoned), else the first team
 * repository, kept alive for the plant.
 */
export function pickAnomalyRepository(
  names: readonly string[],
  planOf: (name: string) => RepoPlan,
): string | undefined {
  const candidates = names.filter((n) => n.includes("/") && !n.startsWith("base/"));
  const active = candidates.find((n) => {
    const { profile, frozen } = planOf(n);
    return !frozen && profile.abandonDay === Number.MAX_SAFE_INTEGER && profile.firstDay <= 60;
  });
  return active ?? candidates[0];
}

/** The repository's own plan, with bundles, writable and never abandoned (unchanged when already so). */
export function anomalyPlan(plan: RepoPlan): RepoPlan {
  return {
    ...plan,
    frozen: false,
    profile: { ...plan.profile, abandonDay: Number.MAX_SAFE_INTEGER, bundles: true },
  };
}

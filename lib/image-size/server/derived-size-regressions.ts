/**
 * Size regressions kept per registry (registry_derived, lib/database/registry-derived.ts), so the
 * estate-wide list reads them instead of walking every series. The sync keeps each registry's
 * regressions at the default settings (median:5, 10 %) right after writing it; a sync that changed
 * nothing carries them over (same fingerprint). A read uses a registry's row only when it was
 * computed from the registry's current inventory with the same settings; any other registry is
 * computed here (and kept at the default settings). Rows hold every repository; an access's view
 * is cut from them as the computed list is (its repositories, by id).
 * No "server-only" guard: the sync keeps regressions from its CLI and workers too.
 */
import { compareCodePoints } from "@/lib/compare";
import { getDb } from "@/lib/db";
import { carryDerivedOver, listFreshDerived, readInventoryState, storeDerived } from "@/lib/database/registry-derived";
import { DEFAULT_TREND_SETTINGS, type TrendSettings } from "@/lib/image-size/image-size";
import { formatBaseline, formatMaxGrowth } from "@/lib/image-size/settings";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import { toSizePointView, type SizePointView } from "../trend-views";
import { REPOSITORY_BATCH, sizeSeriesOf, type ImageSizeSeries } from "./size-series";

export type SizeRegression = { registry: string; repository: string; architecture: string; image: SizePointView };

/** A regression with its repository's id: same-named registries' repositories sort by it, and access is checked on it. */
export type KeptSizeRegression = SizeRegression & { repositoryId: number };

/** Bump when the kept shape changes: it is part of every row's key. */
const FORMAT = 1;

/** The newest image's baseline needs only the N images before it. */
export function regressionWindow(settings: TrendSettings): number {
  return (settings.baseline.kind === "previous" ? 1 : settings.baseline.count) + 1;
}

/** The series' regression: its NEWEST image when flagged (an older flagged image later builds superseded is history). */
export function newestRegression(series: ImageSizeSeries): SizeRegression | null {
  const newest = series.points.at(-1);
  if (!newest?.flagged) return null;
  const { registry, repository, architecture } = series;
  return { registry, repository, architecture, image: toSizePointView(newest) };
}

/** The computed list's order: registry, repository, repository id, architecture (code points). */
export function compareRegressions(a: KeptSizeRegression, b: KeptSizeRegression): number {
  return (
    compareCodePoints(a.registry, b.registry) ||
    compareCodePoints(a.repository, b.repository) ||
    a.repositoryId - b.repositoryId ||
    compareCodePoints(a.architecture, b.architecture)
  );
}

const keyOf = (settings: TrendSettings) =>
  JSON.stringify({
    format: FORMAT,
    baseline: formatBaseline(settings.baseline),
    maxGrowth: formatMaxGrowth(settings.maxGrowth),
  });

type Registry = { id: number; name: string };

async function computeRegistryRegressions(registry: Registry, settings: TrendSettings): Promise<KeptSizeRegression[]> {
  const db = await getDb();
  const repositories = (
    await db.repository.findMany({ where: { registryId: registry.id }, select: { id: true, name: true } })
  )
    .map((r) => ({ id: r.id, registry: registry.name, repository: r.name }))
    .sort((a, b) => compareCodePoints(a.repository, b.repository) || a.id - b.id);
  const regressions: KeptSizeRegression[] = [];
  for (let start = 0; start < repositories.length; start += REPOSITORY_BATCH) {
    const batch = repositories.slice(start, start + REPOSITORY_BATCH);
    const ids = new Map(batch.map((r) => [r.repository, r.id]));
    for (const series of await sizeSeriesOf(batch, settings, regressionWindow(settings))) {
      const regression = newestRegression(series);
      if (regression) regressions.push({ ...regression, repositoryId: ids.get(series.repository)! });
    }
  }
  return regressions;
}

function parseKept(body: string): KeptSizeRegression[] | null {
  try {
    const rows = JSON.parse(body) as unknown;
    return Array.isArray(rows) ? (rows as KeptSizeRegression[]) : null;
  } catch {
    return null;
  }
}

/** Every current registry's regressions (all repositories), in the computed list's order. */
export async function listDerivedSizeRegressions(settings: TrendSettings): Promise<KeptSizeRegression[]> {
  const db = await getDb();
  const registries = await db.registry.findMany({ where: CURRENT_REGISTRY, select: { id: true, name: true } });
  const key = keyOf(settings);
  const fresh = await listFreshDerived("size-regressions", new Map(registries.map((r) => [r.id, key])));
  const keep = key === keyOf(DEFAULT_TREND_SETTINGS);
  const all: KeptSizeRegression[] = [];
  for (const registry of registries) {
    const body = fresh.get(registry.id);
    // A row names its registry as it was: names come from the registry row.
    const kept = body === undefined ? null : parseKept(body);
    if (kept) {
      for (const r of kept) all.push({ ...r, registry: registry.name });
      continue;
    }
    const state = keep ? await readInventoryState(registry.id) : null;
    const computed = await computeRegistryRegressions(registry, settings);
    if (state) await storeDerived("size-regressions", state, key, JSON.stringify(computed));
    all.push(...computed);
  }
  return all.sort(compareRegressions);
}

export type KeptOutcome = "current" | "carried-over" | "computed" | "skipped";

/** After a registry's write committed: its regressions at the default settings, read as current, carried over or computed. */
export async function keepRegistrySizeRegressions(registryId: number): Promise<KeptOutcome> {
  const key = keyOf(DEFAULT_TREND_SETTINGS);
  if ((await listFreshDerived("size-regressions", new Map([[registryId, key]]))).size > 0) return "current";
  const db = await getDb();
  const [registry, state] = await Promise.all([
    db.registry.findFirst({ where: { id: registryId, ...CURRENT_REGISTRY }, select: { id: true, name: true } }),
    readInventoryState(registryId),
  ]);
  if (!registry || !state) return "skipped";
  if (await carryDerivedOver("size-regressions", state, key)) return "carried-over";
  const computed = await computeRegistryRegressions(registry, DEFAULT_TREND_SETTINGS);
  return (await storeDerived("size-regressions", state, key, JSON.stringify(computed))) ? "computed" : "skipped";
}

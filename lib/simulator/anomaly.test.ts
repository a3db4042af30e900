import { describe, expect, it } from "vitest";
import { DAY_MS } from "../calendar";
import {
  anomalyDays,
  anomalyPlan,
  BUNDLE_ARTIFACT_TYPE,
  BUNDLE_KEEP_DAYS,
  BUNDLE_LAYERS,
  BUNDLE_OFFSET_MS,
  bundleTag,
} from "./anomaly";
import type { SimEstate, SimRepository } from "./estate";
import { EstateGenerator, generateEstate } from "./generator";
import { planRepository } from "./repositories";
import { rngFor } from "./prng";
import { replayRepository, type Build } from "./timeline";

const GIB = 1024 ** 3;
const SEED = 11;
const at = (iso: string) => new Date(`${iso}Z`);

function planted(e: SimEstate): SimRepository {
  const registry = e.registries.find((r) => r.name === e.plantedAnomaly.registry)!;
  return registry.repositories.find((r) => r.name === e.plantedAnomaly.repository)!;
}

describe("the planted anomaly's days", () => {
  it("are the 3rd of each month, counted when the bundle's push lies in the range", () => {
    expect(anomalyDays(Date.UTC(2026, 5, 9), Date.UTC(2026, 11, 6))).toEqual([
      "2026-07-03",
      "2026-08-03",
      "2026-09-03",
      "2026-10-03",
      "2026-11-03",
      "2026-12-03",
    ]);
    const push = Date.UTC(2026, 10, 3) + BUNDLE_OFFSET_MS;
    expect(anomalyDays(push, push)).toEqual(["2026-11-03"]);
    expect(anomalyDays(push + 1, push + 20 * DAY_MS)).toEqual([]);
    expect(anomalyDays(push - 20 * DAY_MS, push - 1)).toEqual([]);
    expect(bundleTag(push)).toBe("bundle-20261103");
  });
});

describe("the planted bundle", () => {
  it("is pushed on its day as one artifact of GiB-sized layers no other manifest holds, and deleted a week later", () => {
    const generator = new EstateGenerator({ seed: SEED, scale: "small" });
    const before = planted(generator.at(at("2026-11-02T23:59:00")));
    const estate = generator.at(at("2026-11-03T12:00:00"));
    const repo = planted(estate);
    expect(estate.plantedAnomaly.registry).toBe(estate.registries[2].name);
    expect(before.tags.some((t) => t.name.startsWith("bundle-"))).toBe(false);

    const tag = repo.tags.find((t) => t.name === "bundle-20261103")!;
    const bundle = repo.manifests.find((m) => m.digest === tag.digest)!;
    expect(bundle.tags).toEqual(["bundle-20261103"]);
    expect(bundle.createdAt.toISOString().slice(0, 10)).toBe("2026-11-03");
    expect(bundle.layers).toHaveLength(BUNDLE_LAYERS);
    // An artifact without a platform: never an image whose size trend it could break.
    expect(bundle).toMatchObject({ artifactType: BUNDLE_ARTIFACT_TYPE, architecture: undefined });
    expect(bundle.sizeBytes).toBeGreaterThan(3 * GIB);
    const elsewhere = new Set(
      estate.registries.flatMap((r) =>
        r.repositories.flatMap((x) => x.manifests.filter((m) => m !== bundle).flatMap((m) => m.layers)),
      ),
    );
    for (const layer of bundle.layers) expect(elsewhere.has(layer)).toBe(false);
    // The repository's usual day adds megabytes: everything else it stores is far smaller.
    expect(before.manifests.every((m) => m.sizeBytes < GIB)).toBe(true);

    const lastKept = planted(generator.at(at("2026-11-10T00:09:00")));
    expect(lastKept.manifests.some((m) => m.digest === bundle.digest)).toBe(true);
    const after = planted(generator.at(at("2026-11-10T12:00:00")));
    expect(after.manifests.some((m) => m.digest === bundle.digest)).toBe(false);
    expect(after.tags.some((t) => t.name.startsWith("bundle-"))).toBe(false);
    expect(after.lastUpdatedAt.getTime()).toBe(Date.UTC(2026, 10, 3 + BUNDLE_KEEP_DAYS) + BUNDLE_OFFSET_MS);
  }, 60_000);

  it("steps day by day across its push and deletion to what a fresh generation gives", () => {
    const stepped = new EstateGenerator({ seed: SEED, scale: "small" });
    for (const day of ["2026-10-02", "2026-10-03", "2026-10-04", "2026-10-10", "2026-10-11"]) {
      const date = at(`${day}T06:00:00`);
      expect(stepped.at(date)).toEqual(generateEstate({ seed: SEED, scale: "small", date }));
    }
  }, 120_000);

  it("leaves the rest of the repository's history as it would be without it", () => {
    const estate = generateEstate({ seed: SEED, scale: "small", date: at("2026-11-05T12:00:00") });
    const { registry, repository } = estate.plantedAnomaly;
    const plan = anomalyPlan(planRepository(SEED, registry, repository));
    const replay = (bundles: boolean) =>
      replayRepository(
        { ...plan.profile, bundles },
        rngFor(SEED, registry, "timeline", repository),
        Date.UTC(2026, 10, 5, 12),
      )!;
    const strip = (builds: Map<number, Build>) => [...builds.values()].filter((b) => !b.bundle);
    const withBundles = replay(true);
    const without = replay(false);
    expect([...withBundles.builds.values()].filter((b) => b.bundle)).toHaveLength(1);
    expect(strip(withBundles.builds)).toEqual(strip(without.builds));
    const otherTags = [...withBundles.tags.values()].filter((t) => t.kind !== "bundle");
    expect(otherTags).toEqual([...without.tags.values()]);
  });
});

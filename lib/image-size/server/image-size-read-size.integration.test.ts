/**
 * The image-size series read a few repositories at a time are the same whatever the read's size:
 * the same series in the same order, the same points, baselines and flags, whole or cut to each
 * series' newest images (the regressions' window), read one repository at a time or the estate
 * at once; and each image's creation time is the inventory's, as Prisma reads it.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TREND_SETTINGS, type TrendSettings } from "@/lib/image-size/image-size";
import { FULL_SYNC_TIMEOUT_MS, useSyncedEstate } from "@/lib/testing/synced-estate";
import { regressionWindow } from "./derived-size-regressions";
import { IMAGE_SIZE_READ, listImageSizeTrends, type ImageSizeSeries } from "./list-image-size-trends";

const estate = useSyncedEstate();

async function series(readImages?: number, newest: number | null = null, settings?: TrendSettings) {
  const all: ImageSizeSeries[] = [];
  const trends = listImageSizeTrends({}, settings ?? DEFAULT_TREND_SETTINGS, { kind: "all" }, newest, readImages);
  for await (const s of trends) all.push(s);
  return all;
}

describe("the image-size series read in reads of any size", () => {
  it(
    "are the same series, points and flags whatever the read's size",
    async () => {
      const whole = await series();
      const points = whole.flatMap((s) => s.points);
      expect(new Set(whole.map((s) => `${s.registry}/${s.repository}`)).size).toBeGreaterThan(20);
      expect(points.length).toBeGreaterThan(3 * IMAGE_SIZE_READ);
      expect(points.some((p) => p.baselineBytes !== null)).toBe(true);
      for (const size of [1, 40, 1_000_000]) expect(await series(size), `reads of ${size}`).toEqual(whole);

      const previous: TrendSettings = { ...DEFAULT_TREND_SETTINGS, baseline: { kind: "previous" } };
      expect(await series(1, null, previous)).toEqual(await series(undefined, null, previous));

      const window = regressionWindow(DEFAULT_TREND_SETTINGS);
      const newest = await series(undefined, window);
      expect(newest.flatMap((s) => s.points).length).toBeLessThan(points.length);
      for (const size of [1, 1_000_000]) expect(await series(size, window), `newest, reads of ${size}`).toEqual(newest);
    },
    FULL_SYNC_TIMEOUT_MS,
  );

  it("gives each image the creation time the inventory holds", async () => {
    const manifests = await estate.testDb.db.manifest.findMany({
      where: { architecture: { not: null }, subjectDigest: null },
      select: { digest: true, createdAt: true, repository: { select: { name: true } } },
    });
    const created = new Map(manifests.map((m) => [`${m.repository.name}@${m.digest}`, m.createdAt?.toISOString()]));
    const points = (await series()).flatMap((s) => s.points.map((p) => [`${s.repository}@${p.digest}`, p] as const));
    expect(points).toHaveLength(created.size);
    for (const [key, point] of points) expect(point.createdAt.toISOString(), key).toBe(created.get(key));
  });
});

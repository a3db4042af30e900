/**
 * Image size per build, per repository and architecture, from the inventory: every image manifest
 * (one with an architecture: single-arch images and each platform child of an index; never an
 * index itself, a signature or an SBOM), sized as config + layers from the stored manifest body
 * (manifest_blobs + blobs, each distinct blob once: what the size gate computes from a live body).
 * Read a batch of repositories at a time, so the estate-wide list never holds every manifest.
 * The one read behind the repository page's chart, the regressions list and the CSV report.
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import { repositoryScope, repositoryScopeWhere } from "@/lib/auth/server/team-scope";
import { compareCodePoints } from "@/lib/compare";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import type { TrendSettings } from "@/lib/image-size/image-size";
import type { TrendFilter } from "../trend-params";
import { REPOSITORY_BATCH, sizeSeriesOf, type ImageSizeSeries, type SeriesRepository } from "./size-series";

export type { ImageSizeSeries };

async function listRepositories(filter: TrendFilter, access: Access): Promise<SeriesRepository[]> {
  const db = await getDb();
  const rows = await db.repository.findMany({
    where: {
      registry: { ...CURRENT_REGISTRY, ...(filter.registry ? { name: filter.registry } : {}) },
      ...(filter.repository ? { name: filter.repository } : {}),
      ...repositoryScopeWhere(await repositoryScope(access)),
    },
    select: { id: true, name: true, registry: { select: { name: true } } },
  });
  return rows
    .map((r) => ({ id: r.id, registry: r.registry.name, repository: r.name }))
    .sort(
      (a, b) =>
        compareCodePoints(a.registry, b.registry) || compareCodePoints(a.repository, b.repository) || a.id - b.id,
    );
}

/**
 * Series in registry, repository, architecture order (code points), each in creation order.
 * `newest` keeps only each series' newest images (the regressions list needs the newest one and
 * its baseline's window); their baselines are then exact from the window's second image on.
 * Only the repositories `access` may read.
 */
export async function* listImageSizeTrends(
  filter: TrendFilter,
  settings: TrendSettings,
  access: Access,
  newest: number | null = null,
): AsyncGenerator<ImageSizeSeries> {
  const repositories = await listRepositories(filter, access);
  for (let start = 0; start < repositories.length; start += REPOSITORY_BATCH) {
    const batch = repositories.slice(start, start + REPOSITORY_BATCH);
    yield* await sizeSeriesOf(batch, settings, newest);
  }
}

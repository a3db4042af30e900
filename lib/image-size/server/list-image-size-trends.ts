/**
 * Image size per build, per repository and architecture, from the inventory: every image manifest
 * (one with an architecture: single-arch images and each platform child of an index; never an
 * index itself, a signature or an SBOM), sized as config + layers from the stored manifest body
 * (manifest_blobs + blobs, each distinct blob once: what the size gate computes from a live body).
 * Read a few repositories at a time, so the estate-wide list never holds every manifest.
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

/**
 * Images per read, about: repositories are read together until their manifests reach it (a larger
 * repository alone), each read only once the one before is consumed, so a read's rows die young
 * as the CSV streams them (the reasoning of KEPT_ITEMS_READ, lib/stale/server/kept-plan-items.ts).
 * A series needs all of its repository's images, so one repository is never split.
 */
export const IMAGE_SIZE_READ = 250;

type ListedRepository = SeriesRepository & { manifests: number };

async function listRepositories(filter: TrendFilter, access: Access): Promise<ListedRepository[]> {
  const db = await getDb();
  const rows = await db.repository.findMany({
    where: {
      registry: { ...CURRENT_REGISTRY, ...(filter.registry ? { name: filter.registry } : {}) },
      ...(filter.repository ? { name: filter.repository } : {}),
      ...repositoryScopeWhere(await repositoryScope(access)),
    },
    select: { id: true, name: true, manifestCount: true, registry: { select: { name: true } } },
  });
  return rows
    .map((r) => ({ id: r.id, registry: r.registry.name, repository: r.name, manifests: r.manifestCount }))
    .sort(
      (a, b) =>
        compareCodePoints(a.registry, b.registry) || compareCodePoints(a.repository, b.repository) || a.id - b.id,
    );
}

/**
 * The repositories in reads of about `images` images each, in their order. The sync's manifest
 * count bounds a repository's images (every image is a manifest); `newest` bounds them per series.
 */
function* reads(repositories: readonly ListedRepository[], images: number, newest: number | null) {
  let read: SeriesRepository[] = [];
  let held = 0;
  for (const { manifests, ...repository } of repositories) {
    const weight = Math.max(1, newest === null ? manifests : Math.min(manifests, newest));
    if (read.length > 0 && (held + weight > images || read.length >= REPOSITORY_BATCH)) {
      yield read;
      read = [];
      held = 0;
    }
    read.push(repository);
    held += weight;
  }
  if (read.length > 0) yield read;
}

/**
 * Series in registry, repository, architecture order (code points), each in creation order.
 * `newest` keeps only each series' newest images (the regressions list needs the newest one and
 * its baseline's window); their baselines are then exact from the window's second image on.
 * Only the repositories `access` may read. The series are the same whatever `readImages`.
 */
export async function* listImageSizeTrends(
  filter: TrendFilter,
  settings: TrendSettings,
  access: Access,
  newest: number | null = null,
  readImages = IMAGE_SIZE_READ,
): AsyncGenerator<ImageSizeSeries> {
  for (const read of reads(await listRepositories(filter, access), readImages, newest)) {
    yield* await sizeSeriesOf(read, settings, newest);
  }
}

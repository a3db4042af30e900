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
import { computeSizeTrend, type ImageSizeTrendPoint, type TrendSettings } from "@/lib/image-size/image-size";
import type { TrendFilter } from "../trend-params";

export type ImageSizeSeries = {
  registry: string;
  repository: string;
  architecture: string;
  points: ImageSizeTrendPoint[];
};

const REPOSITORY_BATCH = 200;

type RepositoryRow = { id: number; registry: string; repository: string };
type ImageRow = {
  repositoryId: number;
  digest: string;
  architecture: string;
  createdAt: Date | null;
  sizeBytes: bigint;
};

async function listRepositories(filter: TrendFilter, access: Access): Promise<RepositoryRow[]> {
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

/** Each series' newest `newest` images (all of them when null). */
async function listImages(repositoryIds: number[], newest: number | null): Promise<ImageRow[]> {
  const db = await getDb();
  return db.$queryRaw<ImageRow[]>`
    WITH images AS (
      SELECT m.id, m.repository_id, m.digest, m.architecture, m.created_at,
             row_number() OVER (PARTITION BY m.repository_id, m.architecture ORDER BY m.created_at DESC NULLS LAST, m.digest DESC) AS newest_rank
        FROM manifests m
       WHERE m.repository_id = ANY(${repositoryIds}::int[])
         AND m.architecture IS NOT NULL AND m.subject_digest IS NULL
    )
    SELECT i.repository_id AS "repositoryId", i.digest, i.architecture, i.created_at AS "createdAt",
           SUM(b.size_bytes)::bigint AS "sizeBytes"
      FROM images i
      JOIN manifest_blobs mb ON mb.manifest_digest = i.digest
      JOIN blobs b ON b.digest = mb.blob_digest
     WHERE i.newest_rank <= ${newest ?? 2_147_483_647}
     GROUP BY i.id, i.repository_id, i.digest, i.architecture, i.created_at`;
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
    const images = await listImages(
      batch.map((r) => r.id),
      newest,
    );
    const byRepository = new Map<number, Map<string, ImageRow[]>>();
    for (const image of images) {
      let byArch = byRepository.get(image.repositoryId);
      if (!byArch) byRepository.set(image.repositoryId, (byArch = new Map()));
      const series = byArch.get(image.architecture);
      if (series) series.push(image);
      else byArch.set(image.architecture, [image]);
    }
    for (const repository of batch) {
      const byArch = byRepository.get(repository.id);
      if (!byArch) continue;
      for (const architecture of [...byArch.keys()].sort(compareCodePoints)) {
        const sized = byArch
          .get(architecture)!
          .map((i) => ({ digest: i.digest, createdAt: i.createdAt ?? new Date(0), sizeBytes: i.sizeBytes }));
        yield {
          registry: repository.registry,
          repository: repository.repository,
          architecture,
          points: computeSizeTrend(sized, settings),
        };
      }
    }
  }
}

/**
 * The image-size series of a batch of repositories: each repository's images per architecture,
 * sized as config + layers from the stored manifest bodies, judged against their baselines.
 * listImageSizeTrends reads the estate through it a batch at a time; the sync, each registry it
 * wrote (derived-size-regressions.ts). No "server-only" guard: the sync runs it from its CLI too.
 */
import { compareCodePoints } from "@/lib/compare";
import { execute } from "@/lib/database/prepared";
import { getPool } from "@/lib/db";
import { computeSizeTrend, type ImageSizeTrendPoint, type TrendSettings } from "@/lib/image-size/image-size";

export type ImageSizeSeries = {
  registry: string;
  repository: string;
  architecture: string;
  points: ImageSizeTrendPoint[];
};

export type SeriesRepository = { id: number; registry: string; repository: string };

/** Repositories per query: a batch's images are held at once. */
export const REPOSITORY_BATCH = 200;

type ImageRow = {
  repositoryId: number;
  digest: string;
  architecture: string;
  createdAt: Date | null;
  /** The pool's int8 is text. */
  sizeBytes: string;
};

/**
 * Each series' newest $2 images of the repositories $1, each summed by its own index lookups (a
 * read of a few repositories costs about what a read of hundreds did, per image: a join grouped
 * afterwards cost a plan and a hash aggregate per read). Through the pool rather than Prisma, whose
 * result conversion holds several copies of each row; created_at is timestamp(3) in UTC, read as
 * timestamptz so pg's Date does not take it for local time. An image without a stored body's
 * blobs has no size and no point.
 */
const READ_IMAGES = `
  WITH images AS (
    SELECT m.repository_id, m.digest, m.architecture, m.created_at,
           row_number() OVER (PARTITION BY m.repository_id, m.architecture ORDER BY m.created_at DESC NULLS LAST, m.digest DESC) AS newest_rank
      FROM manifests m
     WHERE m.repository_id = ANY($1::int[])
       AND m.architecture IS NOT NULL AND m.subject_digest IS NULL
  )
  SELECT i.repository_id AS "repositoryId", i.digest, i.architecture, i.created_at AT TIME ZONE 'UTC' AS "createdAt",
         s.size_bytes::text AS "sizeBytes"
    FROM images i
   CROSS JOIN LATERAL (
     SELECT SUM(b.size_bytes) AS size_bytes
       FROM manifest_blobs mb JOIN blobs b ON b.digest = mb.blob_digest
      WHERE mb.manifest_digest = i.digest) s
   WHERE i.newest_rank <= $2 AND s.size_bytes IS NOT NULL`;

/** Each series' newest `newest` images (all of them when null). */
async function listImages(repositoryIds: number[], newest: number | null): Promise<ImageRow[]> {
  const values = [repositoryIds, newest ?? 2_147_483_647];
  return (await execute<ImageRow>(await getPool(), READ_IMAGES, values)).rows;
}

/** The batch's series in the batch's repository order, then architecture (code points); each in creation order. */
export async function sizeSeriesOf(
  batch: readonly SeriesRepository[],
  settings: TrendSettings,
  newest: number | null,
): Promise<ImageSizeSeries[]> {
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
  const result: ImageSizeSeries[] = [];
  for (const repository of batch) {
    const byArch = byRepository.get(repository.id);
    if (!byArch) continue;
    for (const architecture of [...byArch.keys()].sort(compareCodePoints)) {
      const sized = byArch
        .get(architecture)!
        .map((i) => ({ digest: i.digest, createdAt: i.createdAt ?? new Date(0), sizeBytes: BigInt(i.sizeBytes) }));
      result.push({
        registry: repository.registry,
        repository: repository.repository,
        architecture,
        points: computeSizeTrend(sized, settings),
      });
    }
  }
  return result;
}

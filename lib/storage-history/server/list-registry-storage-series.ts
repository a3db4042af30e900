import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { pivotSeries, type SeriesPoint } from "@/lib/storage-history/series";
import { optionalFilterText, parseInput } from "../../validation";
import { resolveWindow, trendRangeFields } from "../window-params";

const paramsSchema = z.object({ ...trendRangeFields, registry: optionalFilterText });

export type RegistryTrends = {
  from: string;
  until: string;
  /** Registry names, one series each: attributed bytes (a registry's stored bytes) per day. */
  registries: string[];
  storage: SeriesPoint[];
  /** Tags and manifests of the registries shown, summed per day. */
  counts: { day: string; tags: number; manifests: number }[];
};

/** Daily registry snapshots over the range (a registry's (registry_id, day) key makes this a range scan). */
export async function listRegistryStorageSeries(input: z.input<typeof paramsSchema> = {}): Promise<RegistryTrends> {
  const params = parseInput(paramsSchema, input);
  const { from, until } = resolveWindow(params);
  const db = await getDb();
  const rows = await db.$queryRaw<
    { day: string; registry: string; attributed: bigint; tags: number; manifests: number }[]
  >`
    SELECT to_char(s.day, 'YYYY-MM-DD') AS day, g.name AS registry, s.attributed_bytes AS attributed, s.tag_count AS tags, s.manifest_count AS manifests
    FROM registry_snapshots s JOIN registries g ON g.id = s.registry_id
    WHERE s.day BETWEEN ${from}::date AND ${until}::date
      AND (${params.registry ?? null}::text IS NULL OR g.name = ${params.registry ?? null}::text)
    ORDER BY s.day, g.name`;
  const { series, points } = pivotSeries(
    rows.map((r) => ({ day: r.day, series: r.registry, value: Number(r.attributed) })),
  );
  const counts = new Map<string, { day: string; tags: number; manifests: number }>();
  for (const r of rows) {
    const c = counts.get(r.day) ?? { day: r.day, tags: 0, manifests: 0 };
    c.tags += r.tags;
    c.manifests += r.manifests;
    counts.set(r.day, c);
  }
  return { from, until, registries: series, storage: points, counts: [...counts.values()] };
}

import "server-only";
import { z } from "zod";
import type { Access } from "@/lib/auth/access";
import { repositoryScope, repositoryScopeSql } from "@/lib/auth/server/team-scope";
import { getDb } from "@/lib/db";
import { parseInput } from "../../validation";
import { resolveWindow, trendRangeFields } from "../window-params";

/**
 * Storage and counts over time of a set of repositories, summed per day: one repository on the
 * trends page; a team's repositories by passing the (registry, repository) pairs its
 * ownership rules resolve to. Each pair is a primary-key range scan of repository_snapshots.
 * Pairs outside `access` count as repositories without snapshots.
 */
const pairSchema = z.object({
  registry: z.string().trim().min(1).max(200),
  repository: z.string().trim().min(1).max(500),
});
const paramsSchema = z.object({ ...trendRangeFields, repositories: z.array(pairSchema).max(10_000) });

export type RepositoryTrendPoint = {
  day: string;
  attributedBytes: number;
  logicalBytes: number;
  uniqueBytes: number;
  tags: number;
  manifests: number;
  /** How many of the asked repositories had a snapshot that day. */
  repositories: number;
};

export type RepositoryTrends = { from: string; until: string; points: RepositoryTrendPoint[] };

export async function listRepositoryStorageSeries(
  input: z.input<typeof paramsSchema>,
  access: Access,
): Promise<RepositoryTrends> {
  const params = parseInput(paramsSchema, input);
  const { from, until } = resolveWindow(params);
  if (params.repositories.length === 0) return { from, until, points: [] };
  const [db, scope] = await Promise.all([getDb(), repositoryScope(access)]);
  const rows = await db.$queryRaw<
    {
      day: string;
      attributed: bigint;
      logical: bigint;
      uniq: bigint;
      tags: bigint;
      manifests: bigint;
      repositories: number;
    }[]
  >`
    SELECT to_char(s.day, 'YYYY-MM-DD') AS day, sum(s.attributed_bytes)::int8 AS attributed, sum(s.logical_bytes)::int8 AS logical,
           sum(s.unique_bytes)::int8 AS uniq, sum(s.tag_count)::int8 AS tags, sum(s.manifest_count)::int8 AS manifests, count(*)::int AS repositories
    FROM unnest(${params.repositories.map((p) => p.registry)}::text[], ${params.repositories.map((p) => p.repository)}::text[]) AS p(registry, repository)
    JOIN registries g ON g.name = p.registry
    JOIN repository_snapshots s ON s.registry_id = g.id AND s.repository_name = p.repository
    WHERE s.day BETWEEN ${from}::date AND ${until}::date AND ${repositoryScopeSql(scope, "s.registry_id", "s.repository_name")}
    GROUP BY s.day ORDER BY s.day`;
  return {
    from,
    until,
    points: rows.map((r) => ({
      day: r.day,
      attributedBytes: Number(r.attributed),
      logicalBytes: Number(r.logical),
      uniqueBytes: Number(r.uniq),
      tags: Number(r.tags),
      manifests: Number(r.manifests),
      repositories: r.repositories,
    })),
  };
}

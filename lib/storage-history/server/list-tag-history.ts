import "server-only";
import { z } from "zod";
import type { Access } from "@/lib/auth/access";
import { repositoryScope, repositoryScopeSql, type RepositoryScope } from "@/lib/auth/server/team-scope";
import { execute } from "@/lib/database/prepared";
import { getDb, getPool } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { daySchema } from "../../validation";
import { optionalFilterText, parseInput } from "../../validation";
import { toIso } from "../../views";

/**
 * The digest trail: which digest each tag pointed to, and when. `asOf` keeps the rows in effect at
 * any moment of that UTC day, so a tag that moved that day shows both digests: "what did prod
 * point to on D" answered with everything a deployment on D could have pulled.
 */
export const tagHistoryFilterSchema = z.object({
  registry: optionalFilterText,
  repository: optionalFilterText,
  tag: optionalFilterText,
  asOf: daySchema.optional(),
});
export type TagHistoryFilter = z.infer<typeof tagHistoryFilterSchema>;

export type TagHistoryRow = {
  id: string;
  registry: string;
  repository: string;
  tag: string;
  digest: string;
  seenFrom: string;
  /** Null while the tag still points there. */
  seenTo: string | null;
};

/** Where a registry's page ends, in its trail order (the order of tag_history's index, then id). */
type Cursor = { repository: string; tag: string; seenFrom: string; id: string };

function where(filter: TagHistoryFilter, scope: RepositoryScope): Prisma.Sql {
  const clauses: Prisma.Sql[] = [repositoryScopeSql(scope, "h.registry_id", "h.repository_name")];
  if (filter.registry) clauses.push(Prisma.sql`g.name = ${filter.registry}`);
  if (filter.repository) clauses.push(Prisma.sql`h.repository_name = ${filter.repository}`);
  if (filter.tag) clauses.push(Prisma.sql`h.tag = ${filter.tag}`);
  if (filter.asOf) {
    clauses.push(
      Prisma.sql`h.seen_from < ${filter.asOf}::date + 1 AND (h.seen_to IS NULL OR h.seen_to > ${filter.asOf}::date)`,
    );
  }
  return Prisma.join(clauses, " AND ");
}

type RawRow = {
  id: bigint;
  registry: string;
  repository: string;
  tag: string;
  digest: string;
  seen_from: Date;
  seen_to: Date | null;
};

/**
 * Rows per streamed read of a trail, each read only once the one before is consumed: a read's
 * rows must die young, or they are promoted and the old generation fills with the file's garbage
 * until a full collection (the reasoning of KEPT_ITEMS_READ, lib/stale/server/kept-plan-items.ts).
 */
export const TAG_HISTORY_READ = 250;

/** ISO 8601 in UTC as Date.toISOString writes it; the columns are timestamp(3), UTC. */
const ISO_UTC = Prisma.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);

/**
 * One registry's trail after a cursor, through the pool rather than Prisma (whose result
 * conversion holds several copies of each row), with ids and times as the text the CSV writes.
 * Within one registry the keyset is the index's order (registry_id, repository_name, tag,
 * seen_from): each read is an index range, never a sort of everything after the cursor.
 */
async function readTrail(
  filter: TagHistoryFilter,
  scope: RepositoryScope,
  registryId: number,
  after: Cursor | null,
  limit: number,
): Promise<TagHistoryRow[]> {
  const from = after
    ? Prisma.sql`AND (h.repository_name, h.tag, h.seen_from, h.id) > (${after.repository}, ${after.tag}, ${after.seenFrom}::timestamp, ${after.id}::bigint)`
    : Prisma.empty;
  const query = Prisma.sql`
    SELECT h.id::text AS id, g.name AS registry, h.repository_name AS repository, h.tag, h.digest,
           to_char(h.seen_from, ${ISO_UTC}) AS "seenFrom", to_char(h.seen_to, ${ISO_UTC}) AS "seenTo"
    FROM tag_history h JOIN registries g ON g.id = h.registry_id
    WHERE ${where(filter, scope)} AND h.registry_id = ${registryId} ${from}
    ORDER BY h.repository_name, h.tag, h.seen_from, h.id LIMIT ${limit}`;
  return (await execute<TagHistoryRow>(await getPool(), query.text, query.values)).rows;
}

/** The whole history's newest moves, at most `limit`. */
async function readRecent(filter: TagHistoryFilter, scope: RepositoryScope, limit: number): Promise<TagHistoryRow[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT h.id, g.name AS registry, h.repository_name AS repository, h.tag, h.digest, h.seen_from, h.seen_to
    FROM tag_history h JOIN registries g ON g.id = h.registry_id
    WHERE ${where(filter, scope)}
    ORDER BY h.seen_from DESC, h.id DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id.toString(),
    registry: r.registry,
    repository: r.repository,
    tag: r.tag,
    digest: r.digest,
    seenFrom: r.seen_from.toISOString(),
    seenTo: toIso(r.seen_to),
  }));
}

/** The registries a trail covers, in its order: by name (the database's collation), then id. */
async function listTrailRegistries(filter: TagHistoryFilter): Promise<number[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT g.id FROM registries g
    WHERE ${filter.registry ? Prisma.sql`g.name = ${filter.registry}` : Prisma.sql`TRUE`}
    ORDER BY g.name, g.id`;
  return rows.map((r) => r.id);
}

/**
 * Every matching row `access` may read in trail order (registry, repository, tag, seen_from),
 * registry by registry, each read by keyset: one read in memory at a time, each read only when
 * the one before has been consumed. The rows are the same whatever `pageSize`.
 */
export async function* iterateTagHistory(
  input: z.input<typeof tagHistoryFilterSchema>,
  access: Access,
  pageSize = TAG_HISTORY_READ,
): AsyncGenerator<TagHistoryRow> {
  const filter = parseInput(tagHistoryFilterSchema, input);
  const scope = await repositoryScope(access);
  for (const registryId of await listTrailRegistries(filter)) {
    let after: Cursor | null = null;
    for (;;) {
      const rows = await readTrail(filter, scope, registryId, after, pageSize);
      yield* rows;
      if (rows.length < pageSize) break;
      const last: TagHistoryRow = rows[rows.length - 1];
      after = { repository: last.repository, tag: last.tag, seenFrom: last.seenFrom, id: last.id };
    }
  }
}

/** The newest moves first (the registry page's "Recent tag moves"); at most `limit` rows. */
export async function listTagHistory(
  input: z.input<typeof tagHistoryFilterSchema>,
  access: Access,
  limit = 50,
): Promise<TagHistoryRow[]> {
  const filter = parseInput(tagHistoryFilterSchema, input);
  return readRecent(filter, await repositoryScope(access), Math.min(Math.max(1, limit), 1000));
}

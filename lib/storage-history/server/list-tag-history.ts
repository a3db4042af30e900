import "server-only";
import { z } from "zod";
import type { Access } from "@/lib/auth/access";
import { repositoryScope, repositoryScopeSql, type RepositoryScope } from "@/lib/auth/server/team-scope";
import { getDb } from "@/lib/db";
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

type Cursor = { registry: string; repository: string; tag: string; seenFrom: string; id: string };

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

async function readRows(
  filter: TagHistoryFilter,
  scope: RepositoryScope,
  limit: number,
  after: Cursor | null,
  order: "trail" | "recent",
): Promise<TagHistoryRow[]> {
  const db = await getDb();
  const keyset = after
    ? Prisma.sql`AND (g.name, h.repository_name, h.tag, h.seen_from, h.id) > (${after.registry}, ${after.repository}, ${after.tag}, ${after.seenFrom}::timestamp, ${BigInt(after.id)})`
    : Prisma.empty;
  const orderBy =
    order === "trail"
      ? Prisma.sql`g.name, h.repository_name, h.tag, h.seen_from, h.id`
      : Prisma.sql`h.seen_from DESC, h.id DESC`;
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT h.id, g.name AS registry, h.repository_name AS repository, h.tag, h.digest, h.seen_from, h.seen_to
    FROM tag_history h JOIN registries g ON g.id = h.registry_id
    WHERE ${where(filter, scope)} ${keyset}
    ORDER BY ${orderBy} LIMIT ${limit}`;
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

/** Every matching row `access` may read in trail order (registry, repository, tag, seen_from), read in pages by keyset. */
export async function* iterateTagHistory(
  input: z.input<typeof tagHistoryFilterSchema>,
  access: Access,
  pageSize = 5000,
): AsyncGenerator<TagHistoryRow> {
  const filter = parseInput(tagHistoryFilterSchema, input);
  const scope = await repositoryScope(access);
  let after: Cursor | null = null;
  for (;;) {
    const rows = await readRows(filter, scope, pageSize, after, "trail");
    yield* rows;
    if (rows.length < pageSize) return;
    const last: TagHistoryRow = rows[rows.length - 1];
    after = {
      registry: last.registry,
      repository: last.repository,
      tag: last.tag,
      seenFrom: last.seenFrom,
      id: last.id,
    };
  }
}

/** The newest moves first (the registry page's "Recent tag moves"); at most `limit` rows. */
export async function listTagHistory(
  input: z.input<typeof tagHistoryFilterSchema>,
  access: Access,
  limit = 50,
): Promise<TagHistoryRow[]> {
  const filter = parseInput(tagHistoryFilterSchema, input);
  return readRows(filter, await repositoryScope(access), Math.min(Math.max(1, limit), 1000), null, "recent");
}

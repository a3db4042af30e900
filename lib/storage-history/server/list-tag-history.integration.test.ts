/**
 * The digest trail streamed in reads of any size is the same rows in the same order: registries by
 * name, then repository, tag, seen_from and id (ties on seen_from included), with the times as
 * Prisma's Dates print them, whether a read ends inside a tag's trail, on a tie or on a registry's
 * last row; and the filters select the same rows read one at a time as read whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry } from "@/lib/testing/factories";
import { iterateTagHistory, TAG_HISTORY_READ, type TagHistoryFilter, type TagHistoryRow } from "./list-tag-history";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  // Created out of name order: the trail reads registries by name.
  const ids = [];
  for (const name of ["zulu", "acme", "mid"]) ids.push((await createRegistry(testDb.db, { name })).id);
  // Per registry: 4 repositories × 5 tags × 4 moves, the last still current; every third move
  // shares its seen_from with the one before (a tie broken by id); times with milliseconds.
  await testDb.pool.query(
    `INSERT INTO tag_history (registry_id, repository_name, tag, digest, seen_from, seen_to)
     SELECT g, 'team/r' || r, 't' || t, 'sha256:' || lpad((g * 1000 + r * 100 + t * 10 + m)::text, 64, '0'),
            timestamp '2026-03-01 10:20:30.123' + ((m - (m % 3 = 2)::int) * interval '1 day 7 ms'),
            CASE WHEN m = 3 THEN NULL ELSE timestamp '2026-03-01 10:20:30.123' + ((m + 1) * interval '1 day 7 ms') END
       FROM unnest($1::int[]) AS g, generate_series(0, 3) AS r, generate_series(0, 4) AS t, generate_series(0, 3) AS m
      ORDER BY random()`,
    [ids],
  );
}, 120_000);

afterAll(() => testDb.drop());

/** The trail as one Prisma read in the database's order, with its Dates printed by toISOString. */
async function expected(where = "TRUE"): Promise<Omit<TagHistoryRow, "id">[]> {
  const rows = await testDb.db.$queryRawUnsafe<
    { registry: string; repository: string; tag: string; digest: string; seen_from: Date; seen_to: Date | null }[]
  >(`SELECT g.name AS registry, h.repository_name AS repository, h.tag, h.digest, h.seen_from, h.seen_to
       FROM tag_history h JOIN registries g ON g.id = h.registry_id
      WHERE ${where}
      ORDER BY g.name, g.id, h.repository_name, h.tag, h.seen_from, h.id`);
  return rows.map((r) => ({
    registry: r.registry,
    repository: r.repository,
    tag: r.tag,
    digest: r.digest,
    seenFrom: r.seen_from.toISOString(),
    seenTo: r.seen_to?.toISOString() ?? null,
  }));
}

async function read(filter: TagHistoryFilter, pageSize?: number): Promise<TagHistoryRow[]> {
  const rows: TagHistoryRow[] = [];
  for await (const row of iterateTagHistory(filter, { kind: "all" }, pageSize)) rows.push(row);
  return rows;
}

const withoutId = (rows: TagHistoryRow[]) => rows.map(({ id: _id, ...row }) => row);

describe("the tag-history trail read in reads of any size", () => {
  it("is every row once, in trail order, whatever the read size", async () => {
    const whole = await expected();
    expect(whole).toHaveLength(3 * 4 * 5 * 4);
    expect(new Set(whole.map((r) => r.seenFrom)).size).toBeLessThan(4);
    expect(whole.filter((r) => r.seenTo === null)).toHaveLength(3 * 4 * 5);
    expect(whole.some((r) => !r.seenFrom.endsWith(".123Z"))).toBe(true);
    const byDefault = await read({});
    expect(withoutId(byDefault)).toEqual(whole);
    expect(new Set(byDefault.map((r) => r.id)).size).toBe(whole.length);
    for (const size of [1, 2, 3, 7, 20, 239, TAG_HISTORY_READ, 5_000]) {
      expect(await read({}, size), `reads of ${size}`).toEqual(byDefault);
    }
  });

  it("selects the same rows with filters, read one at a time or whole", async () => {
    const cases: [TagHistoryFilter, string][] = [
      [{ registry: "mid" }, "g.name = 'mid'"],
      [{ repository: "team/r2", tag: "t3" }, "h.repository_name = 'team/r2' AND h.tag = 't3'"],
      [
        { asOf: "2026-03-03" },
        "h.seen_from < date '2026-03-04' AND (h.seen_to IS NULL OR h.seen_to > date '2026-03-03')",
      ],
    ];
    for (const [filter, where] of cases) {
      const rows = await expected(where);
      expect(rows.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(withoutId(await read(filter, 1)), JSON.stringify(filter)).toEqual(rows);
      expect(withoutId(await read(filter)), JSON.stringify(filter)).toEqual(rows);
    }
  });
});

/**
 * The mutable-tag findings read only the trails of tags that moved, and find exactly the moves the
 * whole trail holds: hand-built trails (never moved, moved in and before the window, at its first
 * instant, after the as-of day, deleted then pushed again, pushed again with the same digest, a
 * tag not named production-like) in two registries.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { findMutableTagMoves, mutableTagFindings, type TagTrailEntry } from "@/lib/storage-history/mutable-tags";
import { listMutableTagTrail } from "@/lib/storage-history/server/list-mutable-tag-trail";
import { DEFAULT_MUTABLE_TAGS } from "@/lib/env";
import { useTestDatabase } from "@/lib/testing/database";
import { listFindings } from "./list-findings";

const testDb = useTestDatabase();
const TODAY = "2026-12-06";
/** The window's first instant: 30 days ending with the as-of day. */
const SINCE = new Date("2026-11-07T00:00:00Z");

const d = (n: number) => `sha256:${String(n).padStart(64, "0")}`;
type Row = [repository: string, tag: string, digest: string, from: string, to: string | null];

const TRAILS: Record<string, Row[]> = {
  alpha: [
    ["web", "latest", d(1), "2026-01-01T00:00:00Z", null], // never moved
    ["web", "prod", d(2), "2026-10-01T00:00:00Z", "2026-11-20T08:00:00Z"], // moved twice in the window
    ["web", "prod", d(3), "2026-11-20T08:00:00Z", "2026-12-01T09:30:00Z"],
    ["web", "prod", d(4), "2026-12-01T09:30:00Z", null],
    ["api", "latest", d(5), "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z"], // moved before the window
    ["api", "latest", d(6), "2026-10-01T00:00:00Z", null],
    ["api", "stable", d(7), "2026-10-01T00:00:00Z", "2026-11-10T00:00:00Z"], // deleted, pushed again later
    ["api", "stable", d(8), "2026-11-15T00:00:00Z", null],
    ["api", "prod", d(9), "2026-10-02T00:00:00Z", SINCE.toISOString()], // moved at the window's first instant
    ["api", "prod", d(10), SINCE.toISOString(), null],
    ["web", "stable", d(11), "2026-10-02T00:00:00Z", "2026-12-07T10:00:00Z"], // moved after the as-of day
    ["web", "stable", d(12), "2026-12-07T10:00:00Z", null],
  ],
  beta: [
    ["svc", "release", d(13), "2026-10-01T00:00:00Z", "2026-11-20T00:00:00Z"], // pushed again, same digest
    ["svc", "release", d(13), "2026-11-20T00:00:00Z", null],
    ["svc", "latest", d(14), "2026-10-01T00:00:00Z", "2026-11-25T00:00:00Z"], // moved once
    ["svc", "latest", d(15), "2026-11-25T00:00:00Z", null],
    ["svc", "v1", d(16), "2026-10-01T00:00:00Z", "2026-11-25T00:00:00Z"], // not production-like
    ["svc", "v1", d(17), "2026-11-25T00:00:00Z", null],
  ],
};

const ids = new Map<string, number>();

beforeEach(async () => {
  await testDb.db.subscription.create({ data: { id: "sub" } });
  for (const name of Object.keys(TRAILS)) {
    const registry = await testDb.db.registry.create({
      data: {
        armId: `/subscriptions/sub/resourcegroups/rg/providers/microsoft.containerregistry/registries/${name}`,
        subscriptionId: "sub",
        resourceGroup: "rg",
        name,
        location: "westeurope",
        loginServer: `${name}.azurecr.io`,
        skuName: "Standard",
      },
    });
    ids.set(name, registry.id);
    for (const [repository, tag, digest, from, to] of TRAILS[name])
      await testDb.pool.query(
        `INSERT INTO tag_history (registry_id, repository_name, tag, digest, seen_from, seen_to)
         VALUES ($1, $2, $3, $4, $5::timestamptz AT TIME ZONE 'UTC', $6::timestamptz AT TIME ZONE 'UTC')`,
        [registry.id, repository, tag, digest, from, to],
      );
  }
});

/** The whole trail of the production-like tags in effect from SINCE on, by registry name. */
async function wholeTrail(): Promise<Map<string, TagTrailEntry[]>> {
  const rows = await testDb.db.$queryRaw<({ registry: string } & TagTrailEntry)[]>`
    SELECT g.name AS registry, h.repository_name AS repository, h.tag, h.digest, h.seen_from AS "seenFrom", h.seen_to AS "seenTo"
      FROM tag_history h JOIN registries g ON g.id = h.registry_id
     WHERE h.tag = ANY(${DEFAULT_MUTABLE_TAGS}) AND (h.seen_to IS NULL OR h.seen_to >= ${SINCE.toISOString()}::timestamp)`;
  const byRegistry = new Map<string, TagTrailEntry[]>();
  for (const { registry, ...entry } of rows) byRegistry.set(registry, [...(byRegistry.get(registry) ?? []), entry]);
  return byRegistry;
}

describe("mutable-tag findings", () => {
  it("reads the trails of the tags with a row closed in the window only", async () => {
    const trails = await listMutableTagTrail([...ids.values()], DEFAULT_MUTABLE_TAGS, SINCE);
    const read = (name: string) =>
      [...new Set((trails.get(ids.get(name)!) ?? []).map((e) => `${e.repository}:${e.tag}`))].sort();
    expect(read("alpha")).toEqual(["api:prod", "api:stable", "web:prod", "web:stable"]);
    expect(read("beta")).toEqual(["svc:latest", "svc:release"]);
    // Each such tag's rows in effect from SINCE on, whole: the newest digests come from them.
    expect(trails.get(ids.get("alpha")!)!.filter((e) => e.repository === "web" && e.tag === "prod")).toHaveLength(3);
  });

  it("finds the same moves as the whole trail: the tags moved in the window, with their counts and digests", async () => {
    const { rows } = await listFindings({ today: TODAY });
    const moved = rows.filter((f) => f.code === "mutable-tag-moved");
    expect(moved.map((f) => [f.registry, f.title])).toEqual([
      ["alpha", "Production-like tag moved: api:prod"],
      ["alpha", "Production-like tag moved: web:prod"],
      ["beta", "Production-like tag moved: svc:latest"],
    ]);
    expect(moved[1].evidence).toMatch(/^web:prod moved 2 times in the last 30 days \(last 2026-12-01T09:30:00\.000Z\)/);
    const whole = await wholeTrail();
    const expected = [...whole.keys()]
      .sort()
      .flatMap((registry) =>
        mutableTagFindings(
          registry,
          findMutableTagMoves(whole.get(registry)!, { tags: DEFAULT_MUTABLE_TAGS, asOfDay: TODAY }),
        ),
      );
    expect(moved.map((f) => [f.registry, f.title, f.evidence])).toEqual(
      expected.map((f) => [f.registry, f.title, f.evidence]),
    );
  });
});

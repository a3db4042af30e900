import { describe, expect, it } from "vitest";
import { createRegistry, createRepositories, createRepository } from "@/lib/testing/factories";
import { useTestDatabase } from "@/lib/testing/database";
import { listRepositories } from "./list-repositories";

const testDb = useTestDatabase();

async function seedTwoRegistries() {
  const alpha = await createRegistry(testDb.db, { name: "alpha" });
  const beta = await createRegistry(testDb.db, { name: "beta" });
  await createRepository(testDb.db, alpha.id, {
    name: "team/web",
    attributedBytes: 300n,
    logicalBytes: 900n,
    manifestCount: 3,
  });
  await createRepository(testDb.db, alpha.id, {
    name: "team/api",
    attributedBytes: 100n,
    logicalBytes: 100n,
    manifestCount: 9,
  });
  await createRepository(testDb.db, beta.id, {
    name: "Base/WebServer",
    attributedBytes: 200n,
    logicalBytes: 500n,
    manifestCount: 1,
  });
  await createRepository(testDb.db, beta.id, {
    name: "tools",
    attributedBytes: 200n,
    logicalBytes: 50n,
    lastUpdatedAt: null,
  });
  const removed = await createRegistry(testDb.db, { name: "gone", removedAt: new Date() });
  await createRepository(testDb.db, removed.id, { name: "team/web-old", attributedBytes: 999_999n });
}

const names = (rows: { registryName: string; name: string }[]) => rows.map((r) => `${r.registryName}/${r.name}`);

describe("listRepositories", () => {
  it("sorts by attributed bytes descending, ties broken stably, removed registries excluded", async () => {
    await seedTwoRegistries();
    const page = await listRepositories({ sort: "attributed", dir: "desc" }, { kind: "all" });
    expect(page.total).toBe(4);
    expect(names(page.rows)).toEqual(["alpha/team/web", "beta/Base/WebServer", "beta/tools", "alpha/team/api"]);
    expect(page.rows[0]).toMatchObject({ attributedBytes: 300, logicalBytes: 900, manifestCount: 3 });
    expect(typeof page.rows[0].attributedBytes).toBe("number");
  });

  it("sorts by other measures and by name in both directions", async () => {
    await seedTwoRegistries();
    expect(names((await listRepositories({ sort: "logical", dir: "asc" }, { kind: "all" })).rows)[0]).toBe(
      "beta/tools",
    );
    expect(names((await listRepositories({ sort: "manifests", dir: "desc" }, { kind: "all" })).rows)[0]).toBe(
      "alpha/team/api",
    );
    expect(names((await listRepositories({ sort: "name", dir: "asc" }, { kind: "all" })).rows)).toEqual([
      "beta/Base/WebServer",
      "alpha/team/api",
      "alpha/team/web",
      "beta/tools",
    ]);
    expect(names((await listRepositories({ sort: "updated", dir: "desc" }, { kind: "all" })).rows).at(-1)).toBe(
      "beta/tools",
    );
  });

  it("searches by case-insensitive name substring and filters by registry", async () => {
    await seedTwoRegistries();
    expect(names((await listRepositories({ search: "WEB", sort: "name", dir: "asc" }, { kind: "all" })).rows)).toEqual([
      "beta/Base/WebServer",
      "alpha/team/web",
    ]);
    expect(
      names((await listRepositories({ registry: "beta", sort: "name", dir: "asc" }, { kind: "all" })).rows),
    ).toEqual(["beta/Base/WebServer", "beta/tools"]);
    expect((await listRepositories({ registry: "beta", search: "team" }, { kind: "all" })).total).toBe(0);
    expect((await listRepositories({ registry: "gone" }, { kind: "all" })).total).toBe(0);
  });

  it("pages without overlap and falls back to defaults on junk URL values", async () => {
    await seedTwoRegistries();
    const first = await listRepositories({ sort: "attributed", dir: "desc", pageSize: 3 }, { kind: "all" });
    const second = await listRepositories({ sort: "attributed", dir: "desc", pageSize: 3, page: 2 }, { kind: "all" });
    expect(first.pageCount).toBe(2);
    expect([...names(first.rows), ...names(second.rows)]).toEqual(
      names((await listRepositories({}, { kind: "all" })).rows),
    );
    const junk = await listRepositories(
      {
        sort: "drop table" as never,
        dir: "sideways" as never,
        page: "abc" as never,
      },
      { kind: "all" },
    );
    expect(junk).toMatchObject({ page: 1, total: 4 });
  });

  it("pages, sorts and filters 10,000 repositories (speed: npm run bench)", async () => {
    const registries = await Promise.all([1, 2, 3, 4].map((i) => createRegistry(testDb.db, { name: `big${i}` })));
    for (const [index, registry] of registries.entries()) {
      await createRepositories(
        testDb.db,
        registry.id,
        Array.from({ length: 2500 }, (_, i) => ({
          name: `team${i % 50}/service-${index}-${i}`,
          attributedBytes: BigInt((i * 7919) % 100_000) * 1024n,
          logicalBytes: BigInt((i * 104_729) % 100_000) * 2048n,
          manifestCount: i % 40,
        })),
      );
    }
    await testDb.pool.query("ANALYZE repositories; ANALYZE registries");
    const cases = [
      { sort: "attributed", dir: "desc" },
      { sort: "logical", dir: "asc", page: 120 },
      { sort: "name", dir: "asc", search: "service-2-1" },
      { sort: "updated", dir: "desc", registry: "big3" },
    ] as const;
    // Speed is measured by `npm run bench` (ratios against SELECT 1), never as a timed test; here
    // the same cases must page, sort and filter 10,000 rows correctly.
    for (const params of cases) {
      const page = await listRepositories(params, { kind: "all" });
      expect(page.rows.length).toBeGreaterThan(0);
    }
    const byAttributed = await listRepositories(cases[0], { kind: "all" });
    const attributed = byAttributed.rows.map((r) => BigInt(r.attributedBytes));
    expect(attributed).toEqual([...attributed].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
    expect(byAttributed.total).toBe(10_000);
    // service-2-1, -10..-19, -100..-199, -1000..-1999 in registry big3 (index 2).
    expect((await listRepositories(cases[2], { kind: "all" })).total).toBe(1 + 10 + 100 + 1000);
    expect((await listRepositories(cases[3], { kind: "all" })).total).toBe(2500);
  });
});

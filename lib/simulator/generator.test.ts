import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { DAY_MS } from "../calendar";
import { EstateGenerator, generateEstate } from "./generator";
import type { SimEstate, SimRepository } from "./estate";
import { REGRESSION_AT_MS } from "./repositories";

const DATE = new Date("2026-06-01T00:00:00Z");
const small = (seed = 11, date = DATE): SimEstate => generateEstate({ seed, scale: "small", date });
const allRepos = (e: SimEstate): SimRepository[] => e.registries.flatMap((r) => r.repositories);
const allManifests = (e: SimEstate) => allRepos(e).flatMap((r) => r.manifests);

describe("estate generator", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = allManifests(small(11)).map((m) => m.digest);
    expect(allManifests(small(11)).map((m) => m.digest)).toEqual(a);
    expect(allManifests(small(12)).map((m) => m.digest)).not.toEqual(a);
  });

  it("carries an estate forward day by day to exactly what a fresh generation at that date gives", () => {
    const stepped = new EstateGenerator({ seed: 11, scale: "small" });
    const start = DATE.getTime() - 12 * DAY_MS;
    let estate = stepped.at(new Date(start));
    // Irregular instants: some cut a day between its chores and its pushes, some fall twice on one day.
    for (const hours of [3, 9, 30, 30.5, 80, 81, 200, 288]) {
      const date = new Date(start + hours * 3_600_000);
      estate = stepped.at(date);
      expect(estate).toEqual(generateEstate({ seed: 11, scale: "small", date }));
    }
    expect(allManifests(estate).length).toBeGreaterThan(allManifests(small(11, new Date(start))).length);
  }, 60_000);

  it("starts over when the clock goes back", () => {
    const stepped = new EstateGenerator({ seed: 11, scale: "small" });
    stepped.at(DATE);
    const earlier = new Date(DATE.getTime() - 40 * DAY_MS);
    expect(stepped.at(earlier)).toEqual(small(11, earlier));
  }, 30_000);

  it("builds the small demo estate: 3 SKUs, a Premium with 3 replications, 2 subscriptions", () => {
    const e = small();
    expect(e.subscriptions).toHaveLength(2);
    expect(e.registries.map((r) => r.sku).sort()).toEqual(["Basic", "Premium", "Standard"]);
    const premium = e.registries.find((r) => r.sku === "Premium")!;
    expect(premium.replications).toHaveLength(3);
    expect(premium.replications.map((r) => r.location)).toContain(premium.location);
    expect(allRepos(e).length).toBeGreaterThan(45);
    expect(allRepos(e).length).toBeLessThanOrEqual(60);
    expect(allManifests(e).length).toBeGreaterThan(1_500);
    expect(allManifests(e).length).toBeLessThan(10_000);
    for (const r of e.registries) expect(Object.keys(r.tags)).toEqual(expect.arrayContaining(["team", "cost-center"]));
  });

  it("serves bodies whose sha256 is the digest, and tags that point at existing manifests", () => {
    for (const repo of allRepos(small())) {
      const digests = new Set(repo.manifests.map((m) => m.digest));
      for (const m of repo.manifests)
        expect("sha256:" + createHash("sha256").update(m.body).digest("hex")).toBe(m.digest);
      for (const t of repo.tags) {
        expect(digests.has(t.digest)).toBe(true);
        expect(repo.manifests.find((m) => m.digest === t.digest)!.tags).toContain(t.name);
      }
      const newest = Math.max(
        ...repo.manifests.map((m) => m.lastUpdatedAt.getTime()),
        ...repo.tags.map((t) => t.lastUpdatedAt.getTime()),
      );
      expect(repo.lastUpdatedAt.getTime()).toBeGreaterThanOrEqual(newest);
    }
  });

  it("has shared base layers, multi-arch indexes, referrers, locks and untagged manifests", () => {
    const e = small();
    const registry = e.registries[2];
    const reposByLayer = new Map<string, Set<string>>();
    for (const repo of registry.repositories)
      for (const m of repo.manifests)
        for (const l of m.layers) reposByLayer.set(l.digest, (reposByLayer.get(l.digest) ?? new Set()).add(repo.name));
    expect([...reposByLayer.values()].some((s) => s.size >= 3)).toBe(true);

    const manifests = allManifests(e);
    const indexes = manifests.filter((m) => m.children);
    expect(indexes.length).toBeGreaterThan(0);
    const byDigest = new Map(manifests.map((m) => [m.digest, m]));
    for (const idx of indexes) {
      expect(idx.children!.map((c) => c.architecture).sort()).toEqual(["amd64", "arm64"]);
      for (const c of idx.children!) expect(byDigest.get(c.digest)!.tags).toEqual([]);
      expect(idx.sizeBytes).toBe(idx.children!.reduce((s, c) => s + byDigest.get(c.digest)!.sizeBytes, 0));
    }
    const referrers = manifests.filter((m) => m.subjectDigest);
    expect(referrers.some((m) => m.artifactType?.includes("notary"))).toBe(true);
    expect(referrers.some((m) => m.artifactType?.includes("spdx"))).toBe(true);
    for (const r of referrers) expect(byDigest.has(r.subjectDigest!)).toBe(true);
    expect(manifests.some((m) => !m.deleteEnabled)).toBe(true);
    expect(allRepos(e).some((r) => r.tags.some((t) => !t.writeEnabled && !t.deleteEnabled))).toBe(true);
    expect(manifests.filter((m) => m.tags.length === 0 && !m.subjectDigest && m.architecture).length).toBeGreaterThan(
      50,
    );
    const tagNames = allRepos(e).flatMap((r) => r.tags.map((t) => t.name));
    expect(tagNames.some((t) => /^v\d+\.\d+\.\d+$/.test(t))).toBe(true);
    expect(tagNames.some((t) => /^[0-9a-f]{7}$/.test(t))).toBe(true);
    expect(tagNames).toEqual(expect.arrayContaining(["latest", "main", "stable", "prod"]));
    const ages = manifests.map((m) => DATE.getTime() - m.createdAt.getTime());
    expect(Math.max(...ages)).toBeGreaterThan(365 * DAY_MS);
  });

  it("plants one image-size regression at every scale: absent before its push, the repository's newest image after", () => {
    const p = small().plantedRegression!;
    expect(p).not.toBeNull();
    expect(p.sizeBytes).toBeGreaterThan(p.baselineMedianBytes * 1.1);
    expect(p.createdAt.getTime()).toBeGreaterThanOrEqual(REGRESSION_AT_MS);
    for (const date of [DATE, new Date(DATE.getTime() + 120 * DAY_MS)]) {
      const e = small(11, date);
      expect(e.plantedRegression).toEqual(p);
      const repo = e.registries.find((r) => r.name === p.registry)!.repositories.find((r) => r.name === p.repository)!;
      expect(repo.manifests.find((m) => m.digest === p.digest)!.tags).toContain(p.tag);
      expect(repo.manifests.filter((m) => m.architecture === p.architecture).at(-1)!.digest).toBe(p.digest);
    }
    const before = small(11, new Date(p.createdAt.getTime() - 1));
    expect(before.plantedRegression).toBeNull();
    const repoBefore = before.registries
      .find((r) => r.name === p.registry)!
      .repositories.find((r) => r.name === p.repository)!;
    expect(repoBefore.manifests.some((m) => m.digest === p.digest)).toBe(false);
    const medium = generateEstate({ seed: 11, scale: "medium", date: DATE }).plantedRegression!;
    expect(medium.sizeBytes).toBeGreaterThan(medium.baselineMedianBytes * 1.1);
  }, 60_000);

  it("evolves with the clock: later dates add, move and delete; untouched repositories keep lastUpdatedAt", () => {
    const before = small(11, DATE);
    const after = small(11, new Date(DATE.getTime() + 5 * DAY_MS));
    const prev = new Map(allRepos(before).map((r) => [r.name + "@" + r.lastUpdatedAt.getTime(), r]));
    const beforeByName = new Map(
      before.registries.flatMap((reg) => reg.repositories.map((r) => [`${reg.name}/${r.name}`, r] as const)),
    );
    let changed = 0,
      unchanged = 0,
      added = 0,
      deleted = 0,
      moved = 0;
    for (const reg of after.registries) {
      for (const repo of reg.repositories) {
        const old = beforeByName.get(`${reg.name}/${repo.name}`);
        if (!old) continue;
        const oldDigests = new Set(old.manifests.map((m) => m.digest));
        const newDigests = new Set(repo.manifests.map((m) => m.digest));
        const tagsOld = old.tags.map((t) => `${t.name}=${t.digest}`).join();
        const tagsNew = repo.tags.map((t) => `${t.name}=${t.digest}`).join();
        const same =
          tagsOld === tagsNew && oldDigests.size === newDigests.size && [...oldDigests].every((d) => newDigests.has(d));
        if (same) {
          unchanged++;
          expect(repo.lastUpdatedAt.getTime()).toBe(old.lastUpdatedAt.getTime());
        } else {
          changed++;
          expect(repo.lastUpdatedAt.getTime()).toBeGreaterThan(old.lastUpdatedAt.getTime());
          added += [...newDigests].filter((d) => !oldDigests.has(d)).length;
          deleted += [...oldDigests].filter((d) => !newDigests.has(d)).length;
          moved += repo.tags.filter((t) => old.tags.some((o) => o.name === t.name && o.digest !== t.digest)).length;
        }
      }
    }
    expect(prev.size).toBeGreaterThan(0);
    expect(changed).toBeGreaterThan(0);
    expect(unchanged).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(0);
    expect(deleted).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(0);
  });

  it("builds the medium estate at ~1,000 repositories and ~50,000 manifests", () => {
    const e = generateEstate({ seed: 1, scale: "medium", date: DATE });
    expect(allRepos(e).length).toBeGreaterThan(850);
    expect(allRepos(e).length).toBeLessThanOrEqual(1_000);
    expect(allManifests(e).length).toBeGreaterThan(35_000);
    expect(allManifests(e).length).toBeLessThan(70_000);
  }, 60_000);
});

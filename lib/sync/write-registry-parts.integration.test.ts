/**
 * A registry written from staged parts (as a registry read in batches is): each part is taken
 * only once the parts before it are written, in the one transaction, and the stored inventory is
 * the one the same read written whole stores, on a first write and on a next day's difference
 * (a repository changed, one gone). Real PostgreSQL; the listings are built here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDay } from "../calendar";
import type { AzureManifest, AzureTag, ManifestContent } from "../azure/types";
import type { TestDatabase } from "../testing/database";
import { diffFingerprints, fingerprintInventory } from "../testing/inventory-fingerprint";
import {
  createWriteDatabase,
  fetchedRegistry,
  OPEN_LOCKS as locks,
  testAzureRegistry,
  withClient,
} from "../testing/registry-writes";
import type { ChangedRepository } from "./types";
import { writeRegistry, type RepositoryPart, type StagedRepositories } from "./write-registry";

const SUBSCRIPTION = "00000000-0000-0000-0000-0000000ba7c4";
const registry = testAzureRegistry(SUBSCRIPTION, "parts", "Premium");
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));
const digest = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;
const layer = (n: number) => `sha256:${(1000 + n).toString(16).padStart(64, "f")}`;

/** Manifest n has a layer of its own and one shared with its neighbour (the storage split counts both). */
const content = (n: number): ManifestContent => ({
  digest: digest(n),
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  bodyBytes: 500,
  blobs: [
    { digest: layer(n), sizeBytes: 1000 + n, kind: "layer" },
    { digest: layer(n - (n % 2)), sizeBytes: 1000 + n - (n % 2), kind: "layer" },
  ],
  children: [],
});
const CONTENTS = Array.from({ length: 40 }, (_, n) => content(n));

/** Repository r holds manifests 5r..5r+4 (`extra` more on a later day), the first two tagged. */
function repository(r: number, day: number, extra = 0): ChangedRepository {
  const manifests: AzureManifest[] = Array.from({ length: 5 + extra }, (_, i) => ({
    digest: digest(5 * r + i),
    sizeBytes: 2000 + i,
    architecture: "amd64",
    os: "linux",
    createdAt: at(1),
    lastUpdatedAt: at(day),
    tags: [],
    references: [],
    ...locks,
  }));
  const tags: AzureTag[] = manifests.slice(0, 2).map((m, i) => ({
    name: `v${i}`,
    digest: m.digest,
    createdAt: at(1),
    lastUpdatedAt: at(day),
    ...locks,
  }));
  return { properties: { name: `team/app${r}`, createdAt: at(1), lastUpdatedAt: at(day), ...locks }, manifests, tags };
}

let wholeDb: TestDatabase;
let partsDb: TestDatabase;

beforeAll(async () => {
  [wholeDb, partsDb] = await Promise.all([1, 2].map(() => createWriteDatabase(SUBSCRIPTION, at(1), CONTENTS)));
}, 60_000);

afterAll(async () => {
  await wholeDb?.drop();
  await partsDb?.drop();
});

/**
 * The same read written whole into one database and from `parts` into the other; returns, for each
 * part, how many repositories held manifests when it was taken (on the write's own connection).
 */
async function writeBoth(day: number, parts: RepositoryPart[]): Promise<number[]> {
  const changed = parts.flatMap((p) => p.changed);
  const unchanged = parts.flatMap((p) => p.unchanged.map((properties) => ({ properties, manifests: [], tags: [] })));
  await withClient(wholeDb, (client) =>
    writeRegistry(client, fetchedRegistry(registry, changed, unchanged), at(day), isoDay(at(day))),
  );
  const seen: number[] = [];
  const staged: StagedRepositories = {
    async *parts(client) {
      for (const part of parts) {
        const { rows } = await client.query<{ n: number }>(
          "SELECT count(DISTINCT repository_id)::int AS n FROM manifests",
        );
        seen.push(rows[0].n);
        yield part;
      }
    },
    manifests: changed.reduce((n, c) => n + c.manifests.length, 0),
    tags: changed.reduce((n, c) => n + c.tags.length, 0),
  };
  // As a staged registry is handed over: its changed repositories' properties only.
  const light = fetchedRegistry(
    registry,
    changed.map((c) => ({ properties: c.properties, manifests: [], tags: [] })),
    unchanged,
  );
  await withClient(partsDb, (client) => writeRegistry(client, light, at(day), isoDay(at(day)), staged));
  return seen;
}

describe("a registry written from staged parts", () => {
  it("takes each part once the ones before it are written, and stores what the whole read stores", async () => {
    const day1 = [0, 1, 2, 3, 4, 5].map((r) => repository(r, 2));
    const seen = await writeBoth(2, [
      { unchanged: [], changed: day1.slice(0, 2) },
      { unchanged: [], changed: day1.slice(2, 4) },
      { unchanged: [], changed: day1.slice(4) },
    ]);
    expect(seen).toEqual([0, 2, 4]);
    expect(
      diffFingerprints(await fingerprintInventory(partsDb.pool), await fingerprintInventory(wholeDb.pool)),
    ).toEqual([]);
    const stored = await partsDb.pool.query("SELECT repository_count, manifest_count, tag_count FROM registries");
    expect(stored.rows).toEqual([{ repository_count: 6, manifest_count: 30, tag_count: 12 }]);

    // The next day: app1 gained two manifests, app5 is gone, the others are unchanged.
    const unchanged = [0, 2, 3, 4].map((r) => repository(r, 2).properties);
    await writeBoth(3, [
      { unchanged: unchanged.slice(0, 1), changed: [repository(1, 3, 2)] },
      { unchanged: unchanged.slice(1), changed: [] },
    ]);
    expect(
      diffFingerprints(await fingerprintInventory(partsDb.pool), await fingerprintInventory(wholeDb.pool)),
    ).toEqual([]);
    const next = await partsDb.pool.query("SELECT repository_count, manifest_count, tag_count FROM registries");
    expect(next.rows).toEqual([{ repository_count: 5, manifest_count: 27, tag_count: 10 }]);
  });
});

/**
 * Writing a registry's inventory as a difference from what this process last stored: an index
 * manifest that leaves while its children stay (ACR keeps them, untagged) and one that arrives
 * over children already stored. Real PostgreSQL; the listings are built here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDay } from "../calendar";
import type { AzureManifest, ManifestContent } from "../azure/types";
import type { TestDatabase } from "../testing/database";
import {
  createWriteDatabase,
  fetchedRegistry,
  OPEN_LOCKS as locks,
  testAzureRegistry,
  withClient,
} from "../testing/registry-writes";
import type { ChangedRepository, FetchedRegistry } from "./types";
import { writeRegistry } from "./write-registry";

let testDb: TestDatabase;

const SUBSCRIPTION = "00000000-0000-0000-0000-00000000c0de";
const registry = testAzureRegistry(SUBSCRIPTION, "diffs", "Standard");
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const [A, B, I, J] = [digest("a"), digest("b"), digest("1"), digest("2")];
const at = (day: number) => new Date(Date.UTC(2026, 9, day, 12));

const image = (d: string, layer: string): ManifestContent => ({
  digest: d,
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  bodyBytes: 400,
  blobs: [{ digest: layer, sizeBytes: 1000, kind: "layer" }],
  children: [],
});
const index = (d: string): ManifestContent => ({
  digest: d,
  mediaType: "application/vnd.oci.image.index.v1+json",
  bodyBytes: 300,
  blobs: [],
  children: [
    { digest: A, architecture: "amd64", os: "linux" },
    { digest: B, architecture: "arm64", os: "linux" },
  ],
});
const manifest = (d: string, day: number): AzureManifest => ({
  digest: d,
  sizeBytes: 1400,
  createdAt: at(day),
  lastUpdatedAt: at(day),
  tags: [],
  references: [],
  ...locks,
});

function fetched(day: number, manifests: AzureManifest[], tags: { name: string; digest: string }[]): FetchedRegistry {
  const repository: ChangedRepository = {
    properties: { name: "team/app", createdAt: at(1), lastUpdatedAt: at(day), ...locks },
    manifests,
    tags: tags.map((t) => ({ ...t, createdAt: at(day), lastUpdatedAt: at(day), ...locks })),
  };
  return fetchedRegistry(registry, [repository]);
}

async function write(day: number, manifests: AzureManifest[], tags: { name: string; digest: string }[]) {
  await withClient(testDb, (client) => writeRegistry(client, fetched(day, manifests, tags), at(day), isoDay(at(day))));
}

async function parents() {
  const { rows } = await testDb.pool.query<{ digest: string; parent: string | null }>(
    "SELECT digest, parent_index_digest AS parent FROM manifests ORDER BY digest",
  );
  return Object.fromEntries(rows.map((r) => [r.digest, r.parent]));
}

beforeAll(async () => {
  testDb = await createWriteDatabase(SUBSCRIPTION, at(1), [
    image(A, digest("c")),
    image(B, digest("d")),
    index(I),
    index(J),
  ]);
}, 60_000);

afterAll(async () => {
  await testDb?.drop();
});

describe("a changed repository written as a difference", () => {
  it("clears the parent of children whose index left, and sets it where a new index takes them in", async () => {
    await write(1, [manifest(I, 1), manifest(A, 1), manifest(B, 1)], [{ name: "latest", digest: I }]);
    expect(await parents()).toEqual({ [A]: I, [B]: I, [I]: null });

    // The index is deleted; ACR keeps its children, untagged.
    await write(2, [manifest(A, 1), manifest(B, 1)], []);
    expect(await parents()).toEqual({ [A]: null, [B]: null });
    const counts = await testDb.pool.query(
      "SELECT manifest_count, tag_count, untagged_manifest_count FROM repositories",
    );
    expect(counts.rows).toEqual([{ manifest_count: 2, tag_count: 0, untagged_manifest_count: 2 }]);

    // A new index over the children already stored.
    await write(3, [manifest(A, 1), manifest(B, 1), manifest(J, 3)], [{ name: "latest", digest: J }]);
    expect(await parents()).toEqual({ [A]: J, [B]: J, [J]: null });
    const after = await testDb.pool.query("SELECT untagged_manifest_count FROM repositories");
    expect(after.rows).toEqual([{ untagged_manifest_count: 0 }]);
  });
});

/**
 * A digest's facts are complete or absent: the manifest facts of a registry go in one transaction
 * even when a table's rows need several statements, and a digest counts as known only when its
 * facts are stored whole, so one cut short is fetched again rather than trusted for ever.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManifestContent } from "../azure/types";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { listKnownDigests, writeManifestContents } from "./write-contents";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(() => testDb?.drop());

const hex = (n: number, prefix: string) => `sha256:${prefix}${n.toString(16).padStart(64 - prefix.length, "0")}`;

/** 2,001 image manifests of 10 layers each: 20,010 blob references, more than one statement takes. */
function manyManifests(): ManifestContent[] {
  return Array.from({ length: 2_001 }, (_, m) => ({
    digest: hex(m, "a"),
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    bodyBytes: 1_000,
    blobs: Array.from({ length: 10 }, (_, b) => ({
      digest: hex(m * 10 + b, "b"),
      sizeBytes: 1_000 + b,
      kind: "layer" as const,
    })),
    children: [],
  }));
}

const count = async (table: string) =>
  Number((await testDb.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

describe("writeManifestContents", () => {
  it("leaves nothing behind when the write fails after a first statement of blob references, and writes them whole the next time", async () => {
    const contents = manyManifests();
    const lastRef = contents.at(-1)!.blobs.at(-1)!.digest;
    // The database fails the statement that carries the last reference (as a lost connection or a
    // statement timeout would), after the first 20,000 references went in.
    await testDb.pool.query(`
      CREATE FUNCTION fail_on_last_ref() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.blob_digest = '${lastRef}' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER fail_on_last_ref BEFORE INSERT ON manifest_blobs FOR EACH ROW EXECUTE FUNCTION fail_on_last_ref();`);
    const client = await testDb.pool.connect();
    try {
      await expect(writeManifestContents(client, contents)).rejects.toThrow(/simulated failure/);
    } finally {
      client.release();
    }
    expect(await count("manifest_contents")).toBe(0);
    expect(await count("manifest_blobs")).toBe(0);
    expect(await count("blobs")).toBe(0);
    expect(
      (
        await listKnownDigests(
          testDb.pool,
          contents.map((c) => c.digest),
        )
      ).size,
    ).toBe(0);

    await testDb.pool.query("DROP TRIGGER fail_on_last_ref ON manifest_blobs");
    const again = await testDb.pool.connect();
    try {
      await writeManifestContents(again, contents);
    } finally {
      again.release();
    }
    expect(await count("manifest_blobs")).toBe(20_010);
    expect(
      (
        await listKnownDigests(
          testDb.pool,
          contents.map((c) => c.digest),
        )
      ).size,
    ).toBe(2_001);
  });

  it("does not count a digest stored by an earlier version without its counts as known, and completes it when written again", async () => {
    const [content] = manyManifests()
      .slice(0, 1)
      .map((c) => ({ ...c, digest: hex(9, "c") }));
    // As an earlier version could leave it: the row, no counts, only some of its references.
    await testDb.pool.query("INSERT INTO manifest_contents (digest, body_bytes) VALUES ($1, 1000)", [content.digest]);
    await testDb.pool.query("INSERT INTO blobs (digest, size_bytes) VALUES ($1, 1000) ON CONFLICT DO NOTHING", [
      content.blobs[0].digest,
    ]);
    await testDb.pool.query(
      "INSERT INTO manifest_blobs (manifest_digest, blob_digest, kind) VALUES ($1, $2, 'layer')",
      [content.digest, content.blobs[0].digest],
    );
    expect((await listKnownDigests(testDb.pool, [content.digest])).size).toBe(0);

    const client = await testDb.pool.connect();
    try {
      await writeManifestContents(client, [content]);
    } finally {
      client.release();
    }
    expect((await listKnownDigests(testDb.pool, [content.digest])).size).toBe(1);
    const { rows } = await testDb.pool.query<{ refs: string; blob_count: number }>(
      "SELECT (SELECT count(*) FROM manifest_blobs WHERE manifest_digest = $1) AS refs, blob_count FROM manifest_contents WHERE digest = $1",
      [content.digest],
    );
    expect(rows[0]).toEqual({ refs: "10", blob_count: 10 });
  });
});

/**
 * Stores manifest bodies' facts (blobs, children, subject) keyed by digest. Content-addressed and
 * immutable, so it is written outside any registry's transaction: a digest's facts are true
 * whichever registry holds it. They are written in a transaction of their own with the counts of
 * blob references and children the body names, so a digest's facts are complete or absent, and a
 * digest is known (its body never fetched again) only once its counts are stored. Rows are sorted
 * by key so concurrent writers take row locks in the same order and cannot deadlock.
 */
import type { Pool, PoolClient } from "pg";
import type { ManifestContent } from "../azure/types";
import { execute } from "../database/prepared";
import { inTransaction } from "../database/transaction";
import { col, insert, insertTogether } from "./bulk";
import { passCrashPoint } from "./crash-points";
import { compareCodePoints } from "@/lib/compare";

export async function writeManifestContents(client: PoolClient, contents: ManifestContent[]): Promise<void> {
  if (contents.length === 0) return;
  const sorted = [...contents].sort((a, b) => compareCodePoints(a.digest, b.digest));
  const blobs = new Map<string, { digest: string; sizeBytes: number; mediaType?: string }>();
  for (const c of sorted) for (const b of c.blobs) if (!blobs.has(b.digest)) blobs.set(b.digest, b);
  const blobRows = [...blobs.values()].sort((a, b) => compareCodePoints(a.digest, b.digest));
  const refs = sorted.flatMap((c) => c.blobs.map((b) => ({ manifest: c.digest, blob: b.digest, kind: b.kind })));
  const children = sorted.flatMap((c) => c.children.map((ch) => ({ index: c.digest, ...ch })));
  // One statement for the four tables while they fit (the references are checked at its end), and
  // one transaction whatever their size: a part too large for one statement goes on its own.
  await inTransaction(client, async () => {
    await insertFacts(client, sorted, blobRows, refs, children);
    await passCrashPoint("contents-inserted");
  });
  await passCrashPoint("contents-committed");
}

async function insertFacts(
  client: PoolClient,
  sorted: ManifestContent[],
  blobRows: { digest: string; sizeBytes: number; mediaType?: string }[],
  refs: { manifest: string; blob: string; kind: string }[],
  children: (ManifestContent["children"][number] & { index: string })[],
): Promise<void> {
  await insertTogether(client, [
    insert<(typeof blobRows)[number]>(
      "blobs",
      [
        col.text("digest", (b) => b.digest),
        col.bigint("size_bytes", (b) => b.sizeBytes),
        col.text("media_type", (b) => b.mediaType),
      ],
      blobRows,
      "ON CONFLICT (digest) DO NOTHING",
    ),
    insert<ManifestContent>(
      "manifest_contents",
      [
        col.text("digest", (c) => c.digest),
        col.text("media_type", (c) => c.mediaType),
        col.text("artifact_type", (c) => c.artifactType),
        col.text("subject_digest", (c) => c.subjectDigest),
        col.text("config_digest", (c) => c.configDigest),
        col.int("body_bytes", (c) => c.bodyBytes),
        col.int("blob_count", (c) => new Set(c.blobs.map((b) => b.digest)).size),
        col.int("child_count", (c) => new Set(c.children.map((ch) => ch.digest)).size),
      ],
      sorted, // a row an earlier version wrote without counts is completed by its refetch
      `ON CONFLICT (digest) DO UPDATE SET blob_count = EXCLUDED.blob_count, child_count = EXCLUDED.child_count
     WHERE manifest_contents.blob_count IS NULL`,
    ),
    insert<(typeof refs)[number]>(
      "manifest_blobs",
      [
        col.text("manifest_digest", (r) => r.manifest),
        col.text("blob_digest", (r) => r.blob),
        col.text("kind", (r) => r.kind),
      ],
      refs,
      "ON CONFLICT DO NOTHING",
    ),
    insert<(typeof children)[number]>(
      "manifest_children",
      [
        col.text("index_digest", (r) => r.index),
        col.text("child_digest", (r) => r.digest),
        col.text("architecture", (r) => r.architecture),
        col.text("os", (r) => r.os),
        col.text("variant", (r) => r.variant),
      ],
      children,
      "ON CONFLICT DO NOTHING",
    ),
  ]);
}

export async function listKnownDigests(pool: Pool, digests: string[]): Promise<Set<string>> {
  if (digests.length === 0) return new Set();
  const result = await execute<{ digest: string }>(
    pool,
    "SELECT digest FROM manifest_contents WHERE digest = ANY($1::text[]) AND blob_count IS NOT NULL",
    [digests],
  );
  return new Set(result.rows.map((r) => r.digest));
}

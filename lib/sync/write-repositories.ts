/**
 * The SQL half of a registry's repository write, inside its transaction: every listed
 * repository's properties upserted, and the changed repositories' manifests and tags brought to
 * their listings as lib/sync/repository-diff computed. Rows go through one builder (lib/sync/bulk),
 * in and out. Upserts rewrite a stored row only when one of its facts changed.
 */
import type { PoolClient } from "pg";
import type { AzureRepository } from "../azure/types";
import { execute } from "../database/prepared";
import { col, deleteRows, writeRows } from "./bulk";
import type { ManifestRow, RepositoryDiff, TagRow } from "./repository-diff";

/** Upserts the repositories' properties; returns each one's id by name. */
export async function upsertRepositories(
  client: PoolClient,
  registryId: number,
  repositories: AzureRepository[],
  syncedAt: Date,
): Promise<Map<string, number>> {
  const { rows } = await writeRows<AzureRepository, { id: number; name: string }>(
    client,
    {
      table: "repositories",
      columns: [
        col.int("registry_id", () => registryId),
        col.text("name", (r) => r.name),
        col.time("created_at", (r) => r.createdAt),
        col.time("last_updated_at", (r) => r.lastUpdatedAt),
        col.bool("delete_enabled", (r) => r.deleteEnabled),
        col.bool("write_enabled", (r) => r.writeEnabled),
        col.bool("list_enabled", (r) => r.listEnabled),
        col.bool("read_enabled", (r) => r.readEnabled),
        col.time("synced_at", () => syncedAt),
      ],
      rows: repositories,
      onConflict: `ON CONFLICT (registry_id, name) DO UPDATE SET created_at = EXCLUDED.created_at, last_updated_at = EXCLUDED.last_updated_at,
       delete_enabled = EXCLUDED.delete_enabled, write_enabled = EXCLUDED.write_enabled,
       list_enabled = EXCLUDED.list_enabled, read_enabled = EXCLUDED.read_enabled, synced_at = EXCLUDED.synced_at`,
    },
    "id, name",
  );
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function applyRepositoryDiff(client: PoolClient, diff: RepositoryDiff): Promise<void> {
  const { unknown } = diff;
  if (unknown.repositoryIds.length > 0) {
    // Repositories whose previous rows are not known: whatever their listing no longer holds goes.
    await execute(
      client,
      `DELETE FROM manifests m WHERE m.repository_id = ANY($1::int[])
         AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::text[]) AS u(repository_id, digest) WHERE u.repository_id = m.repository_id AND u.digest = m.digest)`,
      [unknown.repositoryIds, unknown.manifests.map((m) => m.repositoryId), unknown.manifests.map((m) => m.digest)],
    );
    await execute(
      client,
      `DELETE FROM tags t WHERE t.repository_id = ANY($1::int[])
         AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::text[]) AS u(repository_id, name) WHERE u.repository_id = t.repository_id AND u.name = t.name)`,
      [unknown.repositoryIds, unknown.tags.map((t) => t.repositoryId), unknown.tags.map((t) => t.name)],
    );
  }
  type GoneManifest = RepositoryDiff["goneManifests"][number];
  type GoneTag = RepositoryDiff["goneTags"][number];
  await deleteRows<GoneManifest>(
    client,
    "manifests",
    [col.int("repository_id", (g) => g.repositoryId), col.text("digest", (g) => g.digest)],
    diff.goneManifests,
  );
  await deleteRows<GoneTag>(
    client,
    "tags",
    [col.int("repository_id", (g) => g.repositoryId), col.text("name", (g) => g.name)],
    diff.goneTags,
  );
  await writeRows<ManifestRow>(client, {
    table: "manifests",
    columns: [
      col.int("repository_id", (m) => m.repositoryId),
      col.text("digest", (m) => m.digest),
      col.bigint("size_bytes", (m) => m.sizeBytes ?? 0),
      col.text("architecture", (m) => m.architecture),
      col.text("os", (m) => m.os),
      col.time("created_at", (m) => m.createdAt),
      col.time("last_updated_at", (m) => m.lastUpdatedAt),
      col.bool("delete_enabled", (m) => m.deleteEnabled),
      col.bool("write_enabled", (m) => m.writeEnabled),
      col.bool("list_enabled", (m) => m.listEnabled),
      col.bool("read_enabled", (m) => m.readEnabled),
      col.int("tag_count", (m) => m.tagCount),
    ],
    rows: diff.manifests,
    // Media type, artifact type and subject come from the (already stored) bodies.
    joined: {
      join: (u) => `LEFT JOIN manifest_contents mc ON mc.digest = ${u("digest")}`,
      columns: { media_type: "mc.media_type", artifact_type: "mc.artifact_type", subject_digest: "mc.subject_digest" },
    },
    onConflict: `ON CONFLICT (repository_id, digest) DO UPDATE SET size_bytes = EXCLUDED.size_bytes, architecture = EXCLUDED.architecture,
       os = EXCLUDED.os, created_at = EXCLUDED.created_at, last_updated_at = EXCLUDED.last_updated_at,
       delete_enabled = EXCLUDED.delete_enabled, write_enabled = EXCLUDED.write_enabled, list_enabled = EXCLUDED.list_enabled,
       read_enabled = EXCLUDED.read_enabled, tag_count = EXCLUDED.tag_count, media_type = EXCLUDED.media_type,
       artifact_type = EXCLUDED.artifact_type, subject_digest = EXCLUDED.subject_digest
     WHERE (manifests.size_bytes, manifests.architecture, manifests.os, manifests.created_at, manifests.last_updated_at,
            manifests.delete_enabled, manifests.write_enabled, manifests.list_enabled, manifests.read_enabled, manifests.tag_count,
            manifests.media_type, manifests.artifact_type, manifests.subject_digest)
       IS DISTINCT FROM (EXCLUDED.size_bytes, EXCLUDED.architecture, EXCLUDED.os, EXCLUDED.created_at, EXCLUDED.last_updated_at,
            EXCLUDED.delete_enabled, EXCLUDED.write_enabled, EXCLUDED.list_enabled, EXCLUDED.read_enabled, EXCLUDED.tag_count,
            EXCLUDED.media_type, EXCLUDED.artifact_type, EXCLUDED.subject_digest)`,
  });
  await writeRows<TagRow>(client, {
    table: "tags",
    columns: [
      col.int("repository_id", (t) => t.repositoryId),
      col.text("name", (t) => t.name),
      col.text("digest", (t) => t.digest),
      col.time("created_at", (t) => t.createdAt),
      col.time("last_updated_at", (t) => t.lastUpdatedAt),
      col.bool("delete_enabled", (t) => t.deleteEnabled),
      col.bool("write_enabled", (t) => t.writeEnabled),
      col.bool("list_enabled", (t) => t.listEnabled),
      col.bool("read_enabled", (t) => t.readEnabled),
    ],
    rows: diff.tags,
    onConflict: `ON CONFLICT (repository_id, name) DO UPDATE SET digest = EXCLUDED.digest, created_at = EXCLUDED.created_at,
       last_updated_at = EXCLUDED.last_updated_at, delete_enabled = EXCLUDED.delete_enabled, write_enabled = EXCLUDED.write_enabled,
       list_enabled = EXCLUDED.list_enabled, read_enabled = EXCLUDED.read_enabled
     WHERE (tags.digest, tags.created_at, tags.last_updated_at, tags.delete_enabled, tags.write_enabled, tags.list_enabled, tags.read_enabled)
       IS DISTINCT FROM (EXCLUDED.digest, EXCLUDED.created_at, EXCLUDED.last_updated_at, EXCLUDED.delete_enabled, EXCLUDED.write_enabled, EXCLUDED.list_enabled, EXCLUDED.read_enabled)`,
  });
}

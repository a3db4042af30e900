/**
 * What a registry's write must change in its repositories' manifests and tags, computed in memory
 * from the new listings and what the previous write stored (its row keys, when this process kept
 * them: lib/sync/kept-inventory). Pure: the SQL that applies it is lib/sync/write-repositories.ts.
 *
 * A changed repository's listing replaces its stored rows as a difference: what is gone is
 * deleted, what is new is inserted, and only rows whose facts changed are rewritten (a day's
 * pushes touch a few rows of a repository that keeps hundreds). A repository whose previous rows
 * are not known is replaced whole, and the database takes the difference.
 */
import type { AzureManifest, AzureTag } from "../azure/types";
import type { RowKeys, RowKeysByRepository } from "./kept-inventory";
import type { ChangedRepository } from "./types";

export type ManifestRow = AzureManifest & { repositoryId: number; tagCount: number };
export type TagRow = AzureTag & { repositoryId: number };

export type RepositoryDiff = {
  /** Manifests and tags to insert, or rewrite where stored with other facts. */
  manifests: ManifestRow[];
  tags: TagRow[];
  /** Rows known to be gone. */
  goneManifests: { repositoryId: number; digest: string }[];
  goneTags: { repositoryId: number; name: string }[];
  /** Repositories whose previous rows are not known, with their whole listing: the rest of their rows go. */
  unknown: { repositoryIds: number[]; manifests: ManifestRow[]; tags: TagRow[] };
  /** Manifests that joined or left a known repository (parent indexes are looked at again for them). */
  added: string[];
  removed: string[];
  /** Tags added, rewritten or deleted in known repositories; unknown repositories' names. */
  trailTags: { repository: string; tag: string }[];
  trailWhole: string[];
  /** The row keys stored once the diff is applied, per changed repository. */
  rows: RowKeysByRepository;
};

/** The facts of a row the upserts write, as one comparable key. */
export const manifestKey = (m: ManifestRow) =>
  [
    m.sizeBytes ?? 0,
    m.architecture,
    m.os,
    m.createdAt?.getTime(),
    m.lastUpdatedAt?.getTime(),
    m.deleteEnabled,
    m.writeEnabled,
    m.listEnabled,
    m.readEnabled,
    m.tagCount,
  ].join("|");
export const tagKey = (t: TagRow) =>
  [
    t.digest,
    t.createdAt?.getTime(),
    t.lastUpdatedAt?.getTime(),
    t.deleteEnabled,
    t.writeEnabled,
    t.listEnabled,
    t.readEnabled,
  ].join("|");

export function diffRepositories(
  changed: ChangedRepository[],
  idOf: Map<string, number>,
  kept: RowKeysByRepository | undefined,
): RepositoryDiff {
  const diff: RepositoryDiff = {
    manifests: [],
    tags: [],
    goneManifests: [],
    goneTags: [],
    unknown: { repositoryIds: [], manifests: [], tags: [] },
    added: [],
    removed: [],
    trailTags: [],
    trailWhole: [],
    rows: new Map(),
  };
  for (const repo of changed) {
    const name = repo.properties.name;
    const repositoryId = idOf.get(name);
    if (repositoryId === undefined) throw new Error(`repository ${name} has no stored id`);
    const before = kept?.get(name);
    if (!before) {
      diff.unknown.repositoryIds.push(repositoryId);
      diff.trailWhole.push(name);
    }
    const now: RowKeys = { manifests: new Map(), tags: new Map() };
    const tagsPerDigest = new Map<string, number>();
    for (const t of repo.tags) {
      const row = { ...t, repositoryId };
      const key = tagKey(row);
      now.tags.set(t.name, key);
      tagsPerDigest.set(t.digest, (tagsPerDigest.get(t.digest) ?? 0) + 1);
      if (!before) diff.unknown.tags.push(row);
      if (before?.tags.get(t.name) !== key) {
        diff.tags.push(row);
        if (before) diff.trailTags.push({ repository: name, tag: t.name });
      }
    }
    for (const m of repo.manifests) {
      const row = { ...m, repositoryId, tagCount: tagsPerDigest.get(m.digest) ?? 0 };
      const key = manifestKey(row);
      now.manifests.set(m.digest, key);
      if (!before) diff.unknown.manifests.push(row);
      if (before?.manifests.get(m.digest) !== key) diff.manifests.push(row);
      if (before && !before.manifests.has(m.digest)) diff.added.push(m.digest);
    }
    if (before) {
      for (const digest of before.manifests.keys()) {
        if (now.manifests.has(digest)) continue;
        diff.goneManifests.push({ repositoryId, digest });
        diff.removed.push(digest);
      }
      for (const tag of before.tags.keys()) {
        if (now.tags.has(tag)) continue;
        diff.goneTags.push({ repositoryId, name: tag });
        diff.trailTags.push({ repository: name, tag });
      }
    }
    diff.rows.set(name, now);
  }
  return diff;
}

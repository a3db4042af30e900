/**
 * After a registry's inventory is written (inside its transaction): per-repository counts,
 * storage through lib/storage/storage (the one place that rule lives), registry totals and the
 * day's snapshots (one row per day; a later sync the same day overwrites it).
 */
import type { PoolClient } from "pg";
import { execute } from "../database/prepared";
import { billableReplicaLocations } from "../costs/replication";
import { computeRegistryStorage, type RepositoryBlobRef } from "../storage/storage";
import { keepManifestBlobs, keptManifestBlobs, type BlobRefsByRepository, type ManifestBlobs } from "./kept-inventory";

/**
 * Which manifests joined or left the changed repositories (when their previous rows were known),
 * so only the manifests whose parent index may have changed are looked at again.
 */
export type MembershipChange = {
  /** Changed repositories whose previous rows were not known: all their manifests are looked at. */
  unknownIds: number[];
  added: string[];
  removed: string[];
};

/** What this write changed, for the counts and the storage split. */
export type StorageChange = {
  /** Repositories whose manifests this write replaced, with the digests they hold now. */
  changed: { id: number; name: string; manifestDigests: string[] }[];
  membership: MembershipChange;
  /** Changed or removed repositories: the split is computed again. */
  recompute: boolean;
  /** Every repository the registry holds now. */
  repositoryNames: string[];
  /** The blob refs as of the previous write, if this process kept them (lib/sync/kept-inventory). */
  keptRefs?: BlobRefsByRepository;
};

/** Returns the blob refs of the registry as now written (undefined: not known without a full read). */
export async function updateRegistryStorage(
  client: PoolClient,
  registryId: number,
  change: StorageChange,
  reportedUsageBytes: number | null,
  syncedAt: Date,
): Promise<BlobRefsByRepository | undefined> {
  if (change.changed.length > 0)
    await updateRepositoryCounts(
      client,
      change.changed.map((c) => c.id),
      change.membership,
    );
  const split = change.recompute ? await recomputeStorage(client, registryId, change) : null;
  await execute(
    client,
    `UPDATE registries g SET
       repository_count = s.repositories, manifest_count = s.manifests, tag_count = s.tags,
       logical_bytes = s.logical, reported_usage_bytes = $2, last_synced_at = $3,
       stored_bytes = coalesce($4::int8, g.stored_bytes)
     FROM (SELECT count(*)::int AS repositories, coalesce(sum(manifest_count), 0)::int AS manifests,
                  coalesce(sum(tag_count), 0)::int AS tags, coalesce(sum(logical_bytes), 0) AS logical
           FROM repositories WHERE registry_id = $1) s
     WHERE g.id = $1`,
    [registryId, reportedUsageBytes, syncedAt, split?.storedBytes.toString() ?? null],
  );
  return split ? split.refs : change.keptRefs;
}

/**
 * Untagged: manifests with no tag that are neither a child of an index in the same repository
 * nor a referrer (signature, SBOM) of a manifest in it: the orphans a cleanup looks at.
 */
async function updateRepositoryCounts(
  client: PoolClient,
  repositoryIds: number[],
  membership: MembershipChange,
): Promise<void> {
  // A manifest's parent index changes only when manifests join or leave its repository: set it
  // for new manifests and the children of new indexes, and anew (or clear it) where the index
  // left; in a repository whose previous rows were not known, for every manifest.
  const parent = `(SELECT min(p.digest) FROM manifest_children mc JOIN manifests p ON p.digest = mc.index_digest AND p.repository_id = m.repository_id
                   WHERE mc.child_digest = m.digest)`;
  await execute(
    client,
    `UPDATE manifests m SET parent_index_digest = ${parent}
     WHERE m.repository_id = ANY($1::int[])
       AND (m.repository_id = ANY($2::int[]) OR m.digest = ANY($3::text[]) OR m.parent_index_digest = ANY($4::text[])
            OR m.digest IN (SELECT mc.child_digest FROM manifest_children mc WHERE mc.index_digest = ANY($3::text[])))
       AND m.parent_index_digest IS DISTINCT FROM ${parent}`,
    [repositoryIds, membership.unknownIds, membership.added, membership.removed],
  );
  await execute(
    client,
    `UPDATE repositories r SET manifest_count = s.manifests, tag_count = s.tags, untagged_manifest_count = s.untagged
     FROM (SELECT r2.id,
             (SELECT count(*) FROM manifests m WHERE m.repository_id = r2.id)::int AS manifests,
             (SELECT count(*) FROM tags t WHERE t.repository_id = r2.id)::int AS tags,
             (SELECT count(*) FROM manifests m WHERE m.repository_id = r2.id AND m.tag_count = 0
                AND m.parent_index_digest IS NULL
                AND NOT EXISTS (SELECT 1 FROM manifests s WHERE s.repository_id = m.repository_id AND s.digest = m.subject_digest)
             )::int AS untagged
           FROM repositories r2 WHERE r2.id = ANY($1::int[])) s
     WHERE r.id = s.id`,
    [repositoryIds],
  );
}

/**
 * The storage split of the whole registry, through lib/storage/storage. Its input, every
 * (repository, blob) pair, is read in full; or, with the refs kept from the previous write, only
 * the changed repositories' refs are built, from the digests they hold now and each manifest's
 * blobs (kept by this process, else read by digest).
 */
async function recomputeStorage(
  client: PoolClient,
  registryId: number,
  change: StorageChange,
): Promise<{ storedBytes: bigint; refs: BlobRefsByRepository }> {
  const changed = new Set(change.changed.map((c) => c.name));
  const kept = change.keptRefs;
  const incremental = kept !== undefined && change.repositoryNames.every((name) => changed.has(name) || kept.has(name));
  const read = incremental ? await changedBlobRefs(client, change.changed) : await registryBlobRefs(client, registryId);
  // Removed repositories drop out: only the names the registry holds now are carried.
  const refs: BlobRefsByRepository = new Map();
  for (const name of change.repositoryNames) {
    refs.set(name, read.get(name) ?? (incremental && !changed.has(name) ? kept.get(name)! : []));
  }
  const storage = computeRegistryStorage([...refs.values()].flat(), change.repositoryNames);
  const entries = [...storage.repositories];
  await execute(
    client,
    `UPDATE repositories r SET logical_bytes = u.logical, unique_bytes = u.uniq, attributed_bytes = u.attributed
     FROM unnest($2::text[], $3::int8[], $4::int8[], $5::int8[]) AS u(name, logical, uniq, attributed)
     WHERE r.registry_id = $1 AND r.name = u.name
       AND (r.logical_bytes, r.unique_bytes, r.attributed_bytes) IS DISTINCT FROM (u.logical, u.uniq, u.attributed)`,
    [
      registryId,
      entries.map(([name]) => name),
      entries.map(([, s]) => s.logicalBytes.toString()),
      entries.map(([, s]) => s.uniqueBytes.toString()),
      entries.map(([, s]) => s.attributedBytes.toString()),
    ],
  );
  return { storedBytes: storage.storedBytes, refs };
}

async function registryBlobRefs(client: PoolClient, registryId: number): Promise<BlobRefsByRepository> {
  const { rows } = await execute<{
    repository: string;
    blob_digest: string;
    size_bytes: string;
    manifest_refs: number;
  }>(
    client,
    `SELECT r.name AS repository, mb.blob_digest, b.size_bytes, count(*)::int AS manifest_refs
     FROM repositories r
     JOIN manifests m ON m.repository_id = r.id
     JOIN manifest_blobs mb ON mb.manifest_digest = m.digest
     JOIN blobs b ON b.digest = mb.blob_digest
     WHERE r.registry_id = $1
     GROUP BY r.name, mb.blob_digest, b.size_bytes`,
    [registryId],
  );
  // Every row brings its own copy of its repository's name and its blob's digest: the refs kept
  // share one of each (a large registry has a million pairs over far fewer blobs).
  const digests = new Map<string, string>();
  const refs: BlobRefsByRepository = new Map();
  for (const r of rows) {
    let list = refs.get(r.repository);
    if (!list) refs.set(r.repository, (list = []));
    let blobDigest = digests.get(r.blob_digest);
    if (blobDigest === undefined) digests.set(r.blob_digest, (blobDigest = r.blob_digest));
    list.push({
      repository: list.length > 0 ? list[0].repository : r.repository,
      blobDigest,
      sizeBytes: BigInt(r.size_bytes),
      manifestRefs: r.manifest_refs,
    });
  }
  return refs;
}

/** The same pairs for the given repositories, from their manifests' blobs (the registry's rows are not read). */
async function changedBlobRefs(
  client: PoolClient,
  repositories: StorageChange["changed"],
): Promise<BlobRefsByRepository> {
  // Each manifest's blobs: kept by this process, else read now (and kept). Held here for this
  // computation, so an entry the bounded cache lets go meanwhile is not lost.
  const blobsOf = new Map<string, ManifestBlobs>();
  const missing: string[] = [];
  for (const digest of new Set(repositories.flatMap((r) => r.manifestDigests))) {
    const kept = keptManifestBlobs(digest);
    if (kept) blobsOf.set(digest, kept);
    else missing.push(digest);
  }
  if (missing.length > 0) {
    const { rows } = await execute<{ digest: string; blob_digest: string | null; size_bytes: string | null }>(
      client,
      `SELECT mc.digest, mb.blob_digest, b.size_bytes
       FROM manifest_contents mc
       LEFT JOIN manifest_blobs mb ON mb.manifest_digest = mc.digest
       LEFT JOIN blobs b ON b.digest = mb.blob_digest
       WHERE mc.digest = ANY($1::text[])`,
      [missing],
    );
    const read = new Map<string, { digest: string; sizeBytes: bigint }[]>();
    for (const r of rows) {
      let blobs = read.get(r.digest);
      if (!blobs) read.set(r.digest, (blobs = []));
      if (r.blob_digest !== null && r.size_bytes !== null)
        blobs.push({ digest: r.blob_digest, sizeBytes: BigInt(r.size_bytes) });
    }
    for (const [digest, blobs] of read) blobsOf.set(digest, blobs);
    keepManifestBlobs([...read].map(([digest, blobs]) => ({ digest, blobs })));
  }
  const refs: BlobRefsByRepository = new Map();
  for (const repository of repositories) {
    const perBlob = new Map<string, RepositoryBlobRef>();
    for (const digest of new Set(repository.manifestDigests)) {
      for (const blob of blobsOf.get(digest) ?? []) {
        const ref = perBlob.get(blob.digest);
        if (ref) ref.manifestRefs += 1;
        else
          perBlob.set(blob.digest, {
            repository: repository.name,
            blobDigest: blob.digest,
            sizeBytes: blob.sizeBytes,
            manifestRefs: 1,
          });
      }
    }
    refs.set(repository.name, [...perBlob.values()]);
  }
  return refs;
}

/**
 * The day's registry and repository snapshots, in one statement (repositories gone since an
 * earlier sync that day drop out). The replicas it records are the billable ones, by the rule the
 * registries pages count them with; locations in collation order, a region's first spelling kept.
 */
export async function writeSnapshots(
  client: PoolClient,
  registryId: number,
  day: string,
  capturedAt: Date,
): Promise<void> {
  const {
    rows: [registry],
  } = await execute<{ location: string; replica_locations: string[] }>(
    client,
    `SELECT g.location, ARRAY(SELECT p.location FROM replications p WHERE p.registry_id = g.id ORDER BY 1) AS replica_locations
     FROM registries g WHERE g.id = $1`,
    [registryId],
  );
  const replicas = registry
    ? billableReplicaLocations({ location: registry.location, replicaLocations: registry.replica_locations })
    : [];
  await execute(
    client,
    `WITH registry AS (
       INSERT INTO registry_snapshots (registry_id, day, sku_name, location, replica_count, replica_locations,
          repository_count, manifest_count, tag_count, logical_bytes, stored_bytes, unique_bytes, attributed_bytes,
          reported_usage_bytes, captured_at)
       SELECT g.id, $2::date, g.sku_name, g.location,
          cardinality($4::text[]), $4::text[],
          g.repository_count, g.manifest_count, g.tag_count, g.logical_bytes, g.stored_bytes, g.stored_bytes, g.stored_bytes, g.reported_usage_bytes, $3
       FROM registries g WHERE g.id = $1
       ON CONFLICT (registry_id, day) DO UPDATE SET sku_name = EXCLUDED.sku_name, location = EXCLUDED.location,
          replica_count = EXCLUDED.replica_count, replica_locations = EXCLUDED.replica_locations,
          repository_count = EXCLUDED.repository_count, manifest_count = EXCLUDED.manifest_count, tag_count = EXCLUDED.tag_count,
          logical_bytes = EXCLUDED.logical_bytes, stored_bytes = EXCLUDED.stored_bytes,
          unique_bytes = EXCLUDED.unique_bytes, attributed_bytes = EXCLUDED.attributed_bytes,
          reported_usage_bytes = EXCLUDED.reported_usage_bytes, captured_at = EXCLUDED.captured_at
     ),
     gone AS (
       DELETE FROM repository_snapshots s WHERE s.registry_id = $1 AND s.day = $2::date
         AND NOT EXISTS (SELECT 1 FROM repositories r WHERE r.registry_id = $1 AND r.name = s.repository_name)
     )
     INSERT INTO repository_snapshots (registry_id, repository_name, day, manifest_count, tag_count, untagged_manifest_count,
        logical_bytes, unique_bytes, attributed_bytes, captured_at)
     SELECT r.registry_id, r.name, $2::date, r.manifest_count, r.tag_count, r.untagged_manifest_count,
        r.logical_bytes, r.unique_bytes, r.attributed_bytes, $3
     FROM repositories r WHERE r.registry_id = $1
     ON CONFLICT (registry_id, repository_name, day) DO UPDATE SET manifest_count = EXCLUDED.manifest_count,
        tag_count = EXCLUDED.tag_count, untagged_manifest_count = EXCLUDED.untagged_manifest_count,
        logical_bytes = EXCLUDED.logical_bytes, unique_bytes = EXCLUDED.unique_bytes,
        attributed_bytes = EXCLUDED.attributed_bytes, captured_at = EXCLUDED.captured_at`,
    [registryId, day, capturedAt, replicas],
  );
}

/**
 * Everything planRepository needs for ONE registry: its repositories and in-use images in one read,
 * then their manifests, index children and tags in one query per table for each round of
 * repositories (a fixed number of queries per round, whatever the repositories hold).
 * Manifests are locked when ACR would refuse to delete them: the manifest's or its repository's
 * delete or write is disabled (a repository lock covers every image in it). In-use digests are
 * the digests the clusters reference or run, plus the digests that tags referenced without a digest
 * point at now in the inventory (a restart pulls whatever the tag points to).
 * No "server-only" guard: the sync plans each registry it wrote (derived-cleanup-plan.ts).
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { compareCodePoints } from "@/lib/compare";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import type { StaleManifest, StaleTag } from "@/lib/stale/decide";
import { listInUseDigests, type InUseImages } from "@/lib/in-use/server/list-in-use-digests";

/** inventoryToken: the registry's inventory as of this read (a computed plan is cached under it). */
export type PlanRegistry = { id: number; name: string; loginServer: string; inventoryToken: string | null };

export type RepositoryInputs = {
  repository: string;
  manifests: StaleManifest[];
  tags: StaleTag[];
  inUseDigests: Set<string>;
};

type RepositoryRow = { id: number; name: string; locked: boolean };
type ManifestRow = Omit<StaleManifest, "childDigests"> & { repositoryId: number };
type TagRow = StaleTag & { repositoryId: number };

export async function listPlanRegistries(): Promise<PlanRegistry[]> {
  const db = await getDb();
  const rows = await db.registry.findMany({
    where: CURRENT_REGISTRY,
    select: { id: true, name: true, loginServer: true, inventoryToken: true },
  });
  return rows.sort((a, b) => compareCodePoints(a.name, b.name) || a.id - b.id);
}

/**
 * What of the in-use images a registry's plan reads: the (repository, digest) and (repository, tag)
 * pairs, whichever cluster or import named them. Equal fingerprints, equal in-use digests (with
 * the same inventory), so a re-import naming the same images leaves a kept plan current.
 */
export function inUseFingerprint(inUse: InUseImages): string {
  const lines = new Set([
    ...inUse.digests.map((d) => JSON.stringify(["digest", d.repository, d.digest])),
    ...inUse.tags.map((t) => JSON.stringify(["tag", t.repository, t.tag])),
  ]);
  return createHash("sha256")
    .update([...lines].sort(compareCodePoints).join("\n"))
    .digest("hex");
}

/** The registry's in-use fingerprint as of now. */
export async function getInUseFingerprint(registry: PlanRegistry): Promise<string> {
  return inUseFingerprint(await listInUseDigests({ loginServer: registry.loginServer }));
}

// On globalThis like the database client: Next may load this module once per route bundle.
const holder = globalThis as typeof globalThis & { __registryLedgerInUseFingerprints?: LRUCache<string, string> };
/** By in-use version and login server. */
const fingerprints = (holder.__registryLedgerInUseFingerprints ??= new LRUCache<string, string>({ max: 1_000 }));

/**
 * The in-use images change only when an import replaces a cluster's import row and its references
 * in one transaction (import-in-use.ts, sync-app-images.ts: delete, then insert), so the versions
 * of the import rows (a new tuple at every write) stand for every reference.
 */
async function readInUseVersion(): Promise<string> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT coalesce(string_agg(id || ':' || xmin || ':' || ctid, ',' ORDER BY id), '') AS version FROM in_use_imports`;
  return row.version;
}

/**
 * getInUseFingerprint as of the in-use images now, for any registry: three queries a registry once
 * an import changed them, none after (the version is read once, here).
 */
export async function inUseFingerprintReader(): Promise<(registry: PlanRegistry) => Promise<string>> {
  const version = await readInUseVersion();
  return async (registry) => {
    const key = JSON.stringify([version, registry.loginServer]);
    const held = fingerprints.get(key);
    if (held !== undefined) return held;
    // Read after the version: at least as new as it, never older.
    const fingerprint = await getInUseFingerprint(registry);
    fingerprints.set(key, fingerprint);
    return fingerprint;
  };
}

/**
 * Repositories whose manifests, children and tags are read per round of queries. A registry's
 * inputs are read this many repositories at a time, so a registry of 200,000 manifests is never
 * in memory at once (its plan items are: they are the result).
 */
export const PLAN_REPOSITORIES_PER_READ = 250;

export type RegistryPlanInputs = {
  /** Of the in-use images read once for the whole registry, before its first repository. */
  inUseFingerprint: string;
  /** The registry's repositories in name order, each with its planRepository inputs, a round of reads at a time. */
  repositories: () => AsyncGenerator<RepositoryInputs[]>;
};

/** The registry's repositories and in-use images now; their manifests and tags as each round is read. */
export async function openRegistryPlanInputs(
  registry: PlanRegistry,
  perRead = PLAN_REPOSITORIES_PER_READ,
): Promise<RegistryPlanInputs> {
  const db = await getDb();
  const [repositories, inUse] = await Promise.all([
    db.$queryRaw<RepositoryRow[]>`
      SELECT id, name, (NOT delete_enabled OR NOT write_enabled) AS locked FROM repositories WHERE registry_id = ${registry.id}`,
    listInUseDigests({ loginServer: registry.loginServer }),
  ]);
  repositories.sort((a, b) => compareCodePoints(a.name, b.name));
  const inUseDigestsOf = groupBy(
    inUse.digests,
    (d) => d.repository,
    (d) => d.digest,
  );
  const inUseTagsOf = groupBy(
    inUse.tags,
    (t) => t.repository,
    (t) => t.tag,
  );
  async function* rounds(): AsyncGenerator<RepositoryInputs[]> {
    for (let start = 0; start < repositories.length; start += perRead) {
      const round = repositories.slice(start, start + perRead);
      const { manifestsOf, tagsOf } = await readRound(round.map((r) => r.id));
      yield round.map((repository) => {
        const repositoryTags = tagsOf.get(repository.id) ?? [];
        const referencedTags = new Set(inUseTagsOf.get(repository.name) ?? []);
        const inUseDigests = new Set(inUseDigestsOf.get(repository.name) ?? []);
        for (const tag of repositoryTags) if (referencedTags.has(tag.name)) inUseDigests.add(tag.digest);
        const repositoryManifests = manifestsOf.get(repository.id) ?? [];
        return {
          repository: repository.name,
          manifests: repository.locked ? repositoryManifests.map((m) => ({ ...m, locked: true })) : repositoryManifests,
          tags: repositoryTags,
          inUseDigests,
        };
      });
    }
  }
  return { inUseFingerprint: inUseFingerprint(inUse), repositories: rounds };
}

/** The manifests (with their index children) and tags of the given repositories, by repository id. */
async function readRound(repositoryIds: number[]) {
  const db = await getDb();
  const [manifests, children, tags] = await Promise.all([
    db.$queryRaw<ManifestRow[]>`
      SELECT m.repository_id AS "repositoryId", m.digest, m.media_type AS "mediaType", m.artifact_type AS "artifactType",
             m.subject_digest AS "subjectDigest", m.created_at AS "createdAt", m.last_updated_at AS "lastUpdatedAt",
             (NOT m.delete_enabled OR NOT m.write_enabled) AS locked, m.size_bytes AS "sizeBytes"
        FROM manifests m WHERE m.repository_id = ANY(${repositoryIds}::int[])`,
    db.$queryRaw<{ indexDigest: string; childDigest: string }[]>`
      SELECT c.index_digest AS "indexDigest", c.child_digest AS "childDigest" FROM manifest_children c
       WHERE c.index_digest IN (SELECT m.digest FROM manifests m WHERE m.repository_id = ANY(${repositoryIds}::int[]))`,
    db.$queryRaw<TagRow[]>`
      SELECT t.repository_id AS "repositoryId", t.name, t.digest, t.last_updated_at AS "lastUpdatedAt",
             (NOT t.delete_enabled OR NOT t.write_enabled) AS locked
        FROM tags t WHERE t.repository_id = ANY(${repositoryIds}::int[])`,
  ]);
  const childrenOf = groupBy(
    children,
    (c) => c.indexDigest,
    (c) => c.childDigest,
  );
  const manifestsOf = groupBy(
    manifests,
    (m) => m.repositoryId,
    ({ repositoryId: _, ...m }) => ({ ...m, childDigests: childrenOf.get(m.digest) ?? [] }),
  );
  const tagsOf = groupBy(
    tags,
    (t) => t.repositoryId,
    ({ repositoryId: _, ...t }) => t,
  );
  return { manifestsOf, tagsOf };
}

function groupBy<T, K, V>(rows: readonly T[], key: (row: T) => K, value: (row: T) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}

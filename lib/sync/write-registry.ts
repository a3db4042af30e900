/**
 * Writes one fetched registry in a single transaction: a failure rolls everything back and the
 * last good inventory stays. Changed repositories have their manifests and tags replaced (as a
 * difference: only what changed is written); repositories the catalog no longer lists leave the current inventory (snapshots keep history).
 */
import type { PoolClient } from "pg";
import type { AzureManifest, AzureRegistry, AzureTag } from "../azure/types";
import { execute } from "../database/prepared";
import { inTransaction } from "../database/transaction";
import { col, insert, insertRows, insertTogether } from "./bulk";
import { passCrashPoint } from "./crash-points";
import { keepInventory, keptInventory, type RowKeys, type RowKeysByRepository } from "./kept-inventory";
import { updateRegistryStorage, writeSnapshots, type MembershipChange, type StorageChange } from "./update-storage";
import { writeTagHistory, type TrailScope } from "./write-tag-history";
import type { FetchedRegistry } from "./types";

export async function writeRegistry(client: PoolClient, fetched: FetchedRegistry, syncedAt: Date, day: string): Promise<number> {
  const { registryId, token, refs, rows } = await inTransaction(client, async () => {
    const { id: registryId, token, previousToken } = await upsertRegistry(client, fetched.registry, syncedAt);
    await replaceRegistryChildren(client, registryId, fetched);
    const kept = keptInventory(registryId, previousToken);
    const keptRows = kept?.rows;
    const { changed, rows, membership, trail } = await writeRepositories(client, registryId, fetched, syncedAt, keptRows);
    const removed = await execute<{ name: string }>(client,
      "DELETE FROM repositories WHERE registry_id = $1 AND NOT (name = ANY($2::text[])) RETURNING name",
      [registryId, fetched.repositoryNames],
    );
    const removedNames = removed.rows.map((r) => r.name);
    await passCrashPoint("repositories-written");
    await writeTagHistory(client, registryId, { ...trail, removed: removedNames, listed: fetched.repositoryNames, known: keptRows !== undefined }, syncedAt);
    await passCrashPoint("trail-written");
    const usage = fetched.details.usages.find((u) => u.name.toLowerCase() === "size");
    const refs = await updateRegistryStorage(client, registryId, {
      changed, membership, recompute: changed.length > 0 || removedNames.length > 0,
      repositoryNames: fetched.repositoryNames, keptRefs: kept?.refs,
    }, usage?.currentValue ?? null, syncedAt);
    await passCrashPoint("storage-written");
    await writeSnapshots(client, registryId, day, syncedAt);
    await passCrashPoint("snapshots-written");
    return { registryId, token, refs, rows };
  });
  keepInventory(registryId, token, { refs, rows }); // only once committed
  return registryId;
}

/** Upserts the registry with a fresh inventory token; returns its id, the new token and the one it replaced. */
async function upsertRegistry(client: PoolClient, r: AzureRegistry, syncedAt: Date): Promise<{ id: number; token: string; previousToken: string | null }> {
  const values = [
    r.armId, r.subscriptionId, r.resourceGroup, r.name, r.location, r.loginServer, r.skuName, r.skuTier ?? null,
    r.createdAt ?? null, r.provisioningState ?? null, r.adminUserEnabled, r.publicNetworkAccess ?? null,
    r.networkRuleDefaultAction ?? null, r.networkRuleIpCount, r.networkRuleBypassOptions ?? null, r.anonymousPullEnabled,
    r.dataEndpointEnabled, r.zoneRedundancy ?? null, r.encryptionStatus ?? null, r.privateEndpointCount,
    r.quarantinePolicyStatus ?? null, r.trustPolicyStatus ?? null, r.retentionPolicyStatus ?? null,
    r.retentionPolicyDays ?? null, r.exportPolicyStatus ?? null, r.roleAssignmentMode ?? null, JSON.stringify(r.tags),
    syncedAt,
  ];
  const columns = [
    "arm_id", "subscription_id", "resource_group", "name", "location", "login_server", "sku_name", "sku_tier",
    "created_at", "provisioning_state", "admin_user_enabled", "public_network_access",
    "network_rule_default_action", "network_rule_ip_count", "network_rule_bypass_options", "anonymous_pull_enabled",
    "data_endpoint_enabled", "zone_redundancy", "encryption_status", "private_endpoint_count",
    "quarantine_policy_status", "trust_policy_status", "retention_policy_status",
    "retention_policy_days", "export_policy_status", "role_assignment_mode", "tags", "last_synced_at",
  ];
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
  const updates = columns.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(", ");
  const result = await execute<{ id: number; token: string; previous_token: string | null }>(client,
    `WITH previous AS (SELECT inventory_token FROM registries WHERE arm_id = $1)
     INSERT INTO registries (${columns.join(", ")}, inventory_token) VALUES (${placeholders}, gen_random_uuid())
     ON CONFLICT (arm_id) DO UPDATE SET ${updates}, removed_at = NULL, inventory_token = EXCLUDED.inventory_token
     RETURNING id, inventory_token::text AS token, (SELECT inventory_token::text FROM previous) AS previous_token`,
    values,
  );
  const row = result.rows[0];
  return { id: row.id, token: row.token, previousToken: row.previous_token };
}

async function replaceRegistryChildren(client: PoolClient, registryId: number, f: FetchedRegistry): Promise<void> {
  await execute(client,
    `WITH u AS (DELETE FROM registry_usages WHERE registry_id = $1), r AS (DELETE FROM replications WHERE registry_id = $1),
          w AS (DELETE FROM webhooks WHERE registry_id = $1)
     DELETE FROM tasks WHERE registry_id = $1`,
    [registryId],
  );
  const { usages, replications, webhooks, tasks, runs } = f.details;
  const id = () => registryId;
  await insertTogether(client, [
    insert<(typeof usages)[number]>("registry_usages", [
      col.int("registry_id", id), col.text("name", (u) => u.name),
      col.bigint("limit", (u) => u.limit), col.bigint("current_value", (u) => u.currentValue), col.text("unit", (u) => u.unit),
    ], usages, "ON CONFLICT DO NOTHING"),
    insert<(typeof replications)[number]>("replications", [
      col.int("registry_id", id), col.text("name", (r) => r.name), col.text("arm_id", (r) => r.armId),
      col.text("location", (r) => r.location), col.text("provisioning_state", (r) => r.provisioningState),
      col.text("status", (r) => r.status), col.bool("region_endpoint_enabled", (r) => r.regionEndpointEnabled),
      col.text("zone_redundancy", (r) => r.zoneRedundancy), col.json("tags", (r) => r.tags),
    ], replications, "ON CONFLICT DO NOTHING"),
    insert<(typeof webhooks)[number]>("webhooks", [
      col.int("registry_id", id), col.text("name", (w) => w.name), col.text("location", (w) => w.location),
      col.text("status", (w) => w.status), col.text("scope", (w) => w.scope), col.textArray("actions", (w) => w.actions),
      col.text("provisioning_state", (w) => w.provisioningState),
    ], webhooks, "ON CONFLICT DO NOTHING"),
    insert<(typeof tasks)[number]>("tasks", [
      col.int("registry_id", id), col.text("name", (t) => t.name), col.text("status", (t) => t.status),
      col.text("platform_os", (t) => t.platformOs), col.text("platform_arch", (t) => t.platformArch), col.int("cpu", (t) => t.cpu),
      col.int("timeout_seconds", (t) => t.timeoutSeconds), col.text("provisioning_state", (t) => t.provisioningState),
      col.time("created_at", (t) => t.createdAt),
    ], tasks, "ON CONFLICT DO NOTHING"),
    // Runs accumulate: older runs leave the API's recent window but still count for their month.
    insert<(typeof runs)[number]>("task_runs", [
      col.int("registry_id", id), col.text("run_id", (r) => r.runId), col.text("task_name", (r) => r.taskName),
      col.text("status", (r) => r.status), col.text("run_type", (r) => r.runType), col.time("created_at", (r) => r.createdAt),
      col.time("started_at", (r) => r.startedAt), col.time("finished_at", (r) => r.finishedAt), col.int("cpu", (r) => r.cpu),
      col.text("platform_os", (r) => r.platformOs), col.text("platform_arch", (r) => r.platformArch),
      col.json("output_images", (r) => r.outputImages),
    ], runs, `ON CONFLICT (registry_id, run_id) DO UPDATE SET status = EXCLUDED.status, started_at = EXCLUDED.started_at,
       finished_at = EXCLUDED.finished_at, output_images = EXCLUDED.output_images`),
  ]);
}

type ManifestRow = AzureManifest & { repositoryId: number; tagCount: number };
type TagRow = AzureTag & { repositoryId: number };

/** The facts of a row the upserts write, as one comparable key. */
const manifestKey = (m: ManifestRow) =>
  [m.sizeBytes ?? 0, m.architecture, m.os, m.createdAt?.getTime(), m.lastUpdatedAt?.getTime(), m.deleteEnabled, m.writeEnabled, m.listEnabled, m.readEnabled, m.tagCount].join("|");
const tagKey = (t: TagRow) =>
  [t.digest, t.createdAt?.getTime(), t.lastUpdatedAt?.getTime(), t.deleteEnabled, t.writeEnabled, t.listEnabled, t.readEnabled].join("|");

/**
 * Upserts every listed repository's properties and replaces the manifests and tags of changed
 * ones. Returns the changed ones (id, name, digests held), the row keys now stored for every
 * repository this process knows (see kept-inventory), and what the parent indexes and the tag
 * trail must look at again.
 */
async function writeRepositories(
  client: PoolClient, registryId: number, f: FetchedRegistry, syncedAt: Date, kept: RowKeysByRepository | undefined,
): Promise<{ changed: StorageChange["changed"]; rows: RowKeysByRepository; membership: MembershipChange; trail: Pick<TrailScope, "whole" | "tags"> }> {
  const all = [...f.unchanged, ...f.changed.map((c) => c.properties)];
  const ids = await execute<{ id: number; name: string }>(client,
    `INSERT INTO repositories (registry_id, name, created_at, last_updated_at, delete_enabled, write_enabled, list_enabled, read_enabled, synced_at)
     SELECT $1, * FROM unnest($2::text[], $3::timestamp[], $4::timestamp[], $5::bool[], $6::bool[], $7::bool[], $8::bool[], $9::timestamp[])
     ON CONFLICT (registry_id, name) DO UPDATE SET created_at = EXCLUDED.created_at, last_updated_at = EXCLUDED.last_updated_at,
       delete_enabled = EXCLUDED.delete_enabled, write_enabled = EXCLUDED.write_enabled,
       list_enabled = EXCLUDED.list_enabled, read_enabled = EXCLUDED.read_enabled, synced_at = EXCLUDED.synced_at
     RETURNING id, name`,
    [
      registryId,
      all.map((r) => r.name),
      all.map((r) => r.createdAt?.toISOString() ?? null),
      all.map((r) => r.lastUpdatedAt?.toISOString() ?? null),
      all.map((r) => r.deleteEnabled),
      all.map((r) => r.writeEnabled),
      all.map((r) => r.listEnabled),
      all.map((r) => r.readEnabled),
      all.map(() => syncedAt.toISOString()),
    ],
  );
  const idOf = new Map(ids.rows.map((r) => [r.name, r.id]));
  const changed = f.changed.map((c) => ({ id: idOf.get(c.properties.name)!, name: c.properties.name, manifestDigests: c.manifests.map((m) => m.digest) }));
  // Unchanged repositories' rows are as the previous write stored them (if this process knew them).
  const rows: RowKeysByRepository = new Map();
  for (const r of f.unchanged) {
    const before = kept?.get(r.name);
    if (before) rows.set(r.name, before);
  }
  const membership: MembershipChange = { unknownIds: [], added: [], removed: [] };
  const trail: Pick<TrailScope, "whole" | "tags"> = { whole: [], tags: [] };
  if (changed.length === 0) return { changed, rows, membership, trail };

  // A changed repository's listing replaces its stored manifests and tags, as a difference: what
  // is gone is deleted, what is new is inserted, and only rows whose facts changed are rewritten
  // (a day's pushes touch a few rows of a repository that keeps hundreds). With the keys of what
  // the last write stored, the difference is taken here; otherwise the database takes it.
  const manifests: ManifestRow[] = [];
  const tags: TagRow[] = [];
  const unknownIds = membership.unknownIds;
  const unknownReposManifests: ManifestRow[] = [];
  const unknownReposTags: TagRow[] = [];
  const goneManifests: { repositoryId: number; digest: string }[] = [];
  const goneTags: { repositoryId: number; name: string }[] = [];
  for (const repo of f.changed) {
    const repositoryId = idOf.get(repo.properties.name)!;
    const before = kept?.get(repo.properties.name);
    if (!before) {
      unknownIds.push(repositoryId);
      trail.whole.push(repo.properties.name);
    }
    const tagsPerDigest = new Map<string, number>();
    const now: RowKeys = { manifests: new Map(), tags: new Map() };
    for (const t of repo.tags) {
      const row = { ...t, repositoryId };
      const key = tagKey(row);
      now.tags.set(t.name, key);
      tagsPerDigest.set(t.digest, (tagsPerDigest.get(t.digest) ?? 0) + 1);
      if (!before) unknownReposTags.push(row);
      if (before?.tags.get(t.name) !== key) {
        tags.push(row);
        if (before) trail.tags.push({ repository: repo.properties.name, tag: t.name });
      }
    }
    for (const m of repo.manifests) {
      const row = { ...m, repositoryId, tagCount: tagsPerDigest.get(m.digest) ?? 0 };
      const key = manifestKey(row);
      now.manifests.set(m.digest, key);
      if (!before) unknownReposManifests.push(row);
      if (before?.manifests.get(m.digest) !== key) manifests.push(row);
      if (before && !before.manifests.has(m.digest)) membership.added.push(m.digest);
    }
    if (before) {
      for (const digest of before.manifests.keys()) {
        if (now.manifests.has(digest)) continue;
        goneManifests.push({ repositoryId, digest });
        membership.removed.push(digest);
      }
      for (const name of before.tags.keys()) {
        if (now.tags.has(name)) continue;
        goneTags.push({ repositoryId, name });
        trail.tags.push({ repository: repo.properties.name, tag: name });
      }
    }
    rows.set(repo.properties.name, now);
  }
  if (unknownIds.length > 0) {
    await execute(client,
      `DELETE FROM manifests m WHERE m.repository_id = ANY($1::int[])
         AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::text[]) AS u(repository_id, digest) WHERE u.repository_id = m.repository_id AND u.digest = m.digest)`,
      [unknownIds, unknownReposManifests.map((m) => m.repositoryId), unknownReposManifests.map((m) => m.digest)],
    );
    await execute(client,
      `DELETE FROM tags t WHERE t.repository_id = ANY($1::int[])
         AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::text[]) AS u(repository_id, name) WHERE u.repository_id = t.repository_id AND u.name = t.name)`,
      [unknownIds, unknownReposTags.map((t) => t.repositoryId), unknownReposTags.map((t) => t.name)],
    );
  }
  if (goneManifests.length > 0) {
    await execute(client,
      `DELETE FROM manifests m USING unnest($1::int[], $2::text[]) AS u(repository_id, digest)
       WHERE m.repository_id = u.repository_id AND m.digest = u.digest`,
      [goneManifests.map((g) => g.repositoryId), goneManifests.map((g) => g.digest)],
    );
  }
  if (goneTags.length > 0) {
    await execute(client,
      `DELETE FROM tags t USING unnest($1::int[], $2::text[]) AS u(repository_id, name)
       WHERE t.repository_id = u.repository_id AND t.name = u.name`,
      [goneTags.map((g) => g.repositoryId), goneTags.map((g) => g.name)],
    );
  }
  await upsertManifests(client, manifests);
  await insertRows<TagRow>(client, "tags", [
    col.int("repository_id", (t) => t.repositoryId), col.text("name", (t) => t.name), col.text("digest", (t) => t.digest),
    col.time("created_at", (t) => t.createdAt), col.time("last_updated_at", (t) => t.lastUpdatedAt),
    col.bool("delete_enabled", (t) => t.deleteEnabled), col.bool("write_enabled", (t) => t.writeEnabled),
    col.bool("list_enabled", (t) => t.listEnabled), col.bool("read_enabled", (t) => t.readEnabled),
  ], tags, `ON CONFLICT (repository_id, name) DO UPDATE SET digest = EXCLUDED.digest, created_at = EXCLUDED.created_at,
       last_updated_at = EXCLUDED.last_updated_at, delete_enabled = EXCLUDED.delete_enabled, write_enabled = EXCLUDED.write_enabled,
       list_enabled = EXCLUDED.list_enabled, read_enabled = EXCLUDED.read_enabled
     WHERE (tags.digest, tags.created_at, tags.last_updated_at, tags.delete_enabled, tags.write_enabled, tags.list_enabled, tags.read_enabled)
       IS DISTINCT FROM (EXCLUDED.digest, EXCLUDED.created_at, EXCLUDED.last_updated_at, EXCLUDED.delete_enabled, EXCLUDED.write_enabled, EXCLUDED.list_enabled, EXCLUDED.read_enabled)`);
  return { changed, rows, membership, trail };
}

/**
 * Manifests take media type, artifact type and subject from their (already stored) bodies. A
 * manifest already stored is rewritten only when one of its listed facts changed.
 */
async function upsertManifests(client: PoolClient, manifests: ManifestRow[]) {
  const chunk = 20_000;
  for (let i = 0; i < manifests.length; i += chunk) {
    const rows = manifests.slice(i, i + chunk);
    await execute(client,
      `INSERT INTO manifests (repository_id, digest, size_bytes, architecture, os, created_at, last_updated_at,
         delete_enabled, write_enabled, list_enabled, read_enabled, tag_count, media_type, artifact_type, subject_digest)
       SELECT u.repository_id, u.digest, coalesce(u.size_bytes, 0), u.architecture, u.os, u.created_at, u.last_updated_at,
         u.delete_enabled, u.write_enabled, u.list_enabled, u.read_enabled, u.tag_count, mc.media_type, mc.artifact_type, mc.subject_digest
       FROM unnest($1::int[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::timestamp[], $7::timestamp[],
         $8::bool[], $9::bool[], $10::bool[], $11::bool[], $12::int[])
         AS u(repository_id, digest, size_bytes, architecture, os, created_at, last_updated_at,
              delete_enabled, write_enabled, list_enabled, read_enabled, tag_count)
       LEFT JOIN manifest_contents mc ON mc.digest = u.digest
       ON CONFLICT (repository_id, digest) DO UPDATE SET size_bytes = EXCLUDED.size_bytes, architecture = EXCLUDED.architecture,
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
      [
        rows.map((m) => m.repositoryId),
        rows.map((m) => m.digest),
        rows.map((m) => (m.sizeBytes === undefined ? null : String(m.sizeBytes))),
        rows.map((m) => m.architecture ?? null),
        rows.map((m) => m.os ?? null),
        rows.map((m) => m.createdAt?.toISOString() ?? null),
        rows.map((m) => m.lastUpdatedAt?.toISOString() ?? null),
        rows.map((m) => m.deleteEnabled),
        rows.map((m) => m.writeEnabled),
        rows.map((m) => m.listEnabled),
        rows.map((m) => m.readEnabled),
        rows.map((m) => m.tagCount),
      ],
    );
  }
}

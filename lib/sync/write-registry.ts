/**
 * Writes one fetched registry in a single transaction: a failure rolls everything back and the
 * last good inventory stays. Changed repositories have their manifests and tags replaced (as a
 * difference: only what changed is written); repositories the catalog no longer lists leave the current inventory (snapshots keep history).
 * A registry read in batches is written from its staged parts one after another, each held in
 * memory only while it is written, in the same one transaction.
 */
import { randomUUID } from "node:crypto";
import type { PoolClient } from "pg";
import { execute } from "../database/prepared";
import { inTransaction } from "../database/transaction";
import { col, insert, insertTogether } from "./bulk";
import { passCrashPoint } from "./crash-points";
import { keepInventory, keptInventory, type RowKeysByRepository } from "./kept-inventory";
import { describeRead, toStoredReadSignature } from "./read-signature";
import { diffRepositories } from "./repository-diff";
import { updateRegistryStorage, writeSnapshots, type MembershipChange, type StorageChange } from "./update-storage";
import { applyRepositoryDiff, upsertRepositories } from "./write-repositories";
import { writeTagHistory, type TrailScope } from "./write-tag-history";
import type { FetchedRegistry } from "./types";

/** Some of a registry's repositories as read: all of them, or one batch. */
export type RepositoryPart = Pick<FetchedRegistry, "unchanged" | "changed">;

/**
 * A registry's repositories staged part by part (lib/jobs/registry-batches.ts): each part is read
 * on the write's connection, inside its transaction, only when its turn comes. The fetched
 * registry then holds the repositories' names and properties only (changed ones without their
 * manifests and tags), and the counts its record takes come from here.
 */
export type StagedRepositories = {
  parts: (client: PoolClient) => AsyncIterable<RepositoryPart>;
  manifests: number;
  tags: number;
};

export async function writeRegistry(
  client: PoolClient,
  fetched: FetchedRegistry,
  syncedAt: Date,
  day: string,
  staged?: StagedRepositories,
): Promise<number> {
  const { registryId, token, refs, rows } = await inTransaction(client, async () => {
    const { id: registryId, token, previousToken } = await upsertRegistry(client, fetched, syncedAt, day);
    await replaceRegistryChildren(client, registryId, fetched);
    const kept = keptInventory(registryId, previousToken);
    const keptRows = kept?.rows;
    const { changed, rows, membership, trail } = await writeRepositories(
      client,
      registryId,
      staged ? staged.parts(client) : [fetched],
      syncedAt,
      keptRows,
    );
    const removed = await execute<{ name: string }>(
      client,
      "DELETE FROM repositories WHERE registry_id = $1 AND NOT (name = ANY($2::text[])) RETURNING name",
      [registryId, fetched.repositoryNames],
    );
    const removedNames = removed.rows.map((r) => r.name);
    await passCrashPoint("repositories-written");
    await writeTagHistory(
      client,
      registryId,
      { ...trail, removed: removedNames, listed: fetched.repositoryNames, known: keptRows !== undefined },
      syncedAt,
    );
    await passCrashPoint("trail-written");
    const usage = fetched.details.usages.find((u) => u.name.toLowerCase() === "size");
    const refs = await updateRegistryStorage(
      client,
      registryId,
      {
        changed,
        membership,
        recompute: changed.length > 0 || removedNames.length > 0,
        repositoryNames: fetched.repositoryNames,
        keptRefs: kept?.refs,
      },
      usage?.currentValue ?? null,
      syncedAt,
    );
    await passCrashPoint("storage-written");
    await writeSnapshots(client, registryId, day, syncedAt);
    await passCrashPoint("snapshots-written");
    return { registryId, token, refs, rows };
  });
  keepInventory(registryId, token, { refs, rows }); // only once committed
  return registryId;
}

/**
 * Upserts the registry with a fresh inventory token and, in the same statement, the description of
 * the read being written (unchanged-read.ts compares the next read with it); returns its id, the
 * new token and the one it replaced.
 */
async function upsertRegistry(
  client: PoolClient,
  fetched: FetchedRegistry,
  syncedAt: Date,
  day: string,
): Promise<{ id: number; token: string; previousToken: string | null }> {
  const r = fetched.registry;
  // Made here rather than by PostgreSQL so that the read's description can name it.
  const token = randomUUID();
  const values = [
    r.armId,
    r.subscriptionId,
    r.resourceGroup,
    r.name,
    r.location,
    r.loginServer,
    r.skuName,
    r.skuTier ?? null,
    r.createdAt ?? null,
    r.provisioningState ?? null,
    r.adminUserEnabled,
    r.publicNetworkAccess ?? null,
    r.networkRuleDefaultAction ?? null,
    r.networkRuleIpCount,
    r.networkRuleBypassOptions ?? null,
    r.anonymousPullEnabled,
    r.dataEndpointEnabled,
    r.zoneRedundancy ?? null,
    r.encryptionStatus ?? null,
    r.privateEndpointCount,
    r.quarantinePolicyStatus ?? null,
    r.trustPolicyStatus ?? null,
    r.retentionPolicyStatus ?? null,
    r.retentionPolicyDays ?? null,
    r.exportPolicyStatus ?? null,
    r.roleAssignmentMode ?? null,
    JSON.stringify(r.tags),
    syncedAt,
    JSON.stringify(toStoredReadSignature(describeRead(fetched, day), token)),
    token,
  ];
  const columns = [
    "arm_id",
    "subscription_id",
    "resource_group",
    "name",
    "location",
    "login_server",
    "sku_name",
    "sku_tier",
    "created_at",
    "provisioning_state",
    "admin_user_enabled",
    "public_network_access",
    "network_rule_default_action",
    "network_rule_ip_count",
    "network_rule_bypass_options",
    "anonymous_pull_enabled",
    "data_endpoint_enabled",
    "zone_redundancy",
    "encryption_status",
    "private_endpoint_count",
    "quarantine_policy_status",
    "trust_policy_status",
    "retention_policy_status",
    "retention_policy_days",
    "export_policy_status",
    "role_assignment_mode",
    "tags",
    "last_synced_at",
    "written_read",
    "inventory_token",
  ];
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
  const updates = columns
    .slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(", ");
  const result = await execute<{ id: number; token: string; previous_token: string | null }>(
    client,
    `WITH previous AS (SELECT inventory_token FROM registries WHERE arm_id = $1)
     INSERT INTO registries (${columns.join(", ")}) VALUES (${placeholders})
     ON CONFLICT (arm_id) DO UPDATE SET ${updates}, removed_at = NULL
     RETURNING id, inventory_token::text AS token, (SELECT inventory_token::text FROM previous) AS previous_token`,
    values,
  );
  const row = result.rows[0];
  return { id: row.id, token: row.token, previousToken: row.previous_token };
}

async function replaceRegistryChildren(client: PoolClient, registryId: number, f: FetchedRegistry): Promise<void> {
  await execute(
    client,
    `WITH u AS (DELETE FROM registry_usages WHERE registry_id = $1), r AS (DELETE FROM replications WHERE registry_id = $1),
          w AS (DELETE FROM webhooks WHERE registry_id = $1)
     DELETE FROM tasks WHERE registry_id = $1`,
    [registryId],
  );
  const { usages, replications, webhooks, tasks, runs } = f.details;
  const id = () => registryId;
  await insertTogether(client, [
    insert<(typeof usages)[number]>(
      "registry_usages",
      [
        col.int("registry_id", id),
        col.text("name", (u) => u.name),
        col.bigint("limit", (u) => u.limit),
        col.bigint("current_value", (u) => u.currentValue),
        col.text("unit", (u) => u.unit),
      ],
      usages,
      "ON CONFLICT DO NOTHING",
    ),
    insert<(typeof replications)[number]>(
      "replications",
      [
        col.int("registry_id", id),
        col.text("name", (r) => r.name),
        col.text("arm_id", (r) => r.armId),
        col.text("location", (r) => r.location),
        col.text("provisioning_state", (r) => r.provisioningState),
        col.text("status", (r) => r.status),
        col.bool("region_endpoint_enabled", (r) => r.regionEndpointEnabled),
        col.text("zone_redundancy", (r) => r.zoneRedundancy),
        col.json("tags", (r) => r.tags),
      ],
      replications,
      "ON CONFLICT DO NOTHING",
    ),
    insert<(typeof webhooks)[number]>(
      "webhooks",
      [
        col.int("registry_id", id),
        col.text("name", (w) => w.name),
        col.text("location", (w) => w.location),
        col.text("status", (w) => w.status),
        col.text("scope", (w) => w.scope),
        col.textArray("actions", (w) => w.actions),
        col.text("provisioning_state", (w) => w.provisioningState),
      ],
      webhooks,
      "ON CONFLICT DO NOTHING",
    ),
    insert<(typeof tasks)[number]>(
      "tasks",
      [
        col.int("registry_id", id),
        col.text("name", (t) => t.name),
        col.text("status", (t) => t.status),
        col.text("platform_os", (t) => t.platformOs),
        col.text("platform_arch", (t) => t.platformArch),
        col.int("cpu", (t) => t.cpu),
        col.int("timeout_seconds", (t) => t.timeoutSeconds),
        col.text("provisioning_state", (t) => t.provisioningState),
        col.time("created_at", (t) => t.createdAt),
      ],
      tasks,
      "ON CONFLICT DO NOTHING",
    ),
    // Runs accumulate: older runs leave the API's recent window but still count for their month.
    insert<(typeof runs)[number]>(
      "task_runs",
      [
        col.int("registry_id", id),
        col.text("run_id", (r) => r.runId),
        col.text("task_name", (r) => r.taskName),
        col.text("status", (r) => r.status),
        col.text("run_type", (r) => r.runType),
        col.time("created_at", (r) => r.createdAt),
        col.time("started_at", (r) => r.startedAt),
        col.time("finished_at", (r) => r.finishedAt),
        col.int("cpu", (r) => r.cpu),
        col.text("platform_os", (r) => r.platformOs),
        col.text("platform_arch", (r) => r.platformArch),
        col.json("output_images", (r) => r.outputImages),
      ],
      runs,
      `ON CONFLICT (registry_id, run_id) DO UPDATE SET status = EXCLUDED.status, started_at = EXCLUDED.started_at,
       finished_at = EXCLUDED.finished_at, output_images = EXCLUDED.output_images`,
    ),
  ]);
}

/** What the parts' writes leave for the registry's parent indexes, storage split, trail and kept inventory. */
type WrittenRepositories = {
  changed: StorageChange["changed"];
  rows: RowKeysByRepository;
  membership: MembershipChange;
  trail: Pick<TrailScope, "whole" | "tags">;
};

/**
 * Upserts every listed repository's properties and brings the changed ones' manifests and tags to
 * their listings, part by part. Returns the changed ones (id, name, digests held), the row keys now
 * stored for every repository this process knows (see kept-inventory), and what the parent indexes
 * and the tag trail must look at again.
 */
async function writeRepositories(
  client: PoolClient,
  registryId: number,
  parts: AsyncIterable<RepositoryPart> | Iterable<RepositoryPart>,
  syncedAt: Date,
  kept: RowKeysByRepository | undefined,
): Promise<WrittenRepositories> {
  const written: WrittenRepositories = {
    changed: [],
    rows: new Map(),
    membership: { unknownIds: [], added: [], removed: [] },
    trail: { whole: [], tags: [] },
  };
  for await (const part of parts) {
    const idOf = await upsertRepositories(
      client,
      registryId,
      [...part.unchanged, ...part.changed.map((c) => c.properties)],
      syncedAt,
    );
    const diff = diffRepositories(part.changed, idOf, kept);
    await applyRepositoryDiff(client, diff);
    // Unchanged repositories' rows are as the previous write stored them (if this process knew them).
    for (const r of part.unchanged) {
      const before = kept?.get(r.name);
      if (before) written.rows.set(r.name, before);
    }
    for (const [name, keys] of diff.rows) written.rows.set(name, keys);
    for (const c of part.changed)
      written.changed.push({
        id: idOf.get(c.properties.name)!,
        name: c.properties.name,
        manifestDigests: c.manifests.map((m) => m.digest),
      });
    append(written.membership.unknownIds, diff.unknown.repositoryIds);
    append(written.membership.added, diff.added);
    append(written.membership.removed, diff.removed);
    append(written.trail.whole, diff.trailWhole);
    append(written.trail.tags, diff.trailTags);
  }
  return written;
}

/** Appends one by one: a spread of a large registry's items would exceed the call stack. */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

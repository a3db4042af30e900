/** Subscriptions, registries that left Azure, and the totals a sync reports. */
import type { Pool } from "pg";
import type { AzureSubscription } from "../azure/types";

export async function upsertSubscriptions(
  pool: Pool,
  subscriptions: AzureSubscription[],
  syncedAt: Date,
): Promise<void> {
  if (subscriptions.length === 0) return;
  await pool.query(
    `INSERT INTO subscriptions (id, display_name, state, tenant_id, last_synced_at)
     SELECT u.id, u.display_name, u.state, u.tenant_id, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, display_name, state, tenant_id)
     ON CONFLICT (id) DO UPDATE SET display_name = coalesce(EXCLUDED.display_name, subscriptions.display_name),
       state = coalesce(EXCLUDED.state, subscriptions.state), tenant_id = coalesce(EXCLUDED.tenant_id, subscriptions.tenant_id),
       last_synced_at = EXCLUDED.last_synced_at`,
    [
      subscriptions.map((s) => s.id),
      subscriptions.map((s) => s.displayName ?? null),
      subscriptions.map((s) => s.state ?? null),
      subscriptions.map((s) => s.tenantId ?? null),
      syncedAt,
    ],
  );
}

/**
 * A registry missing from a fully listed subscription no longer exists: it leaves the current
 * inventory (its repositories, manifests and tags are deleted) but its row and snapshots stay
 * for history, marked removed.
 */
export async function markRemovedRegistries(
  pool: Pool,
  seenBySubscription: Map<string, string[]>,
  at: Date,
): Promise<void> {
  // One statement: the registries are marked and their repositories deleted together, or neither.
  const pairs = [...seenBySubscription].flatMap(([subscriptionId, armIds]) =>
    (armIds.length > 0 ? armIds : [null]).map((armId) => [subscriptionId, armId] as const),
  );
  if (pairs.length === 0) return;
  await pool.query(
    `WITH seen AS (SELECT * FROM unnest($1::text[], $2::text[]) AS u(subscription_id, arm_id)),
     removed AS (
       UPDATE registries g SET removed_at = $3, inventory_token = NULL
       WHERE g.removed_at IS NULL AND g.subscription_id IN (SELECT subscription_id FROM seen)
         AND NOT EXISTS (SELECT 1 FROM seen s WHERE s.subscription_id = g.subscription_id AND s.arm_id = g.arm_id)
       RETURNING g.id
     )
     DELETE FROM repositories WHERE registry_id IN (SELECT id FROM removed)`,
    [pairs.map(([subscriptionId]) => subscriptionId), pairs.map(([, armId]) => armId), at],
  );
}

export async function sumInventory(pool: Pool, armIds: string[]) {
  const { rows } = await pool.query<{ registries: number; repositories: number; manifests: number; tags: number }>(
    `SELECT count(*)::int AS registries, coalesce(sum(repository_count), 0)::int AS repositories,
            coalesce(sum(manifest_count), 0)::int AS manifests, coalesce(sum(tag_count), 0)::int AS tags
     FROM registries WHERE arm_id = ANY($1::text[])`,
    [armIds],
  );
  return rows[0];
}

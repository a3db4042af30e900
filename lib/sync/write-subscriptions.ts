/** Subscriptions, registries that left Azure, and the totals a sync reports. */
import type { Pool } from "pg";
import type { AzureSubscription } from "../azure/types";

export async function upsertSubscriptions(pool: Pool, subscriptions: AzureSubscription[], syncedAt: Date): Promise<void> {
  for (const s of subscriptions) {
    await pool.query(
      `INSERT INTO subscriptions (id, display_name, state, tenant_id, last_synced_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET display_name = coalesce(EXCLUDED.display_name, subscriptions.display_name),
         state = coalesce(EXCLUDED.state, subscriptions.state), tenant_id = coalesce(EXCLUDED.tenant_id, subscriptions.tenant_id),
         last_synced_at = EXCLUDED.last_synced_at`,
      [s.id, s.displayName ?? null, s.state ?? null, s.tenantId ?? null, syncedAt],
    );
  }
}

/**
 * A registry missing from a fully listed subscription no longer exists: it leaves the current
 * inventory (its repositories, manifests and tags are deleted) but its row and snapshots stay
 * for history, marked removed.
 */
export async function markRemovedRegistries(pool: Pool, seenBySubscription: Map<string, string[]>, at: Date): Promise<void> {
  for (const [subscriptionId, armIds] of seenBySubscription) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const removed = await client.query<{ id: number }>(
        `UPDATE registries SET removed_at = $3, inventory_token = NULL WHERE subscription_id = $1 AND removed_at IS NULL AND NOT (arm_id = ANY($2::text[]))
         RETURNING id`,
        [subscriptionId, armIds, at],
      );
      const ids = removed.rows.map((r) => r.id);
      if (ids.length > 0) await client.query("DELETE FROM repositories WHERE registry_id = ANY($1::int[])", [ids]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }
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

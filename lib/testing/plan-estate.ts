/**
 * A synthetic inventory for the cleanup plan, written by SQL alone (generate_series), so a test or
 * a bench fills tens of thousands of manifests, or a million, in seconds: per registry, repositories
 * `team-<i % 3>/svc-<i>` each with `manifests` manifests aged over 400 days. Some are untagged, some
 * carry a release tag the default keep patterns keep, some a second tag pushed in the last days (so
 * their old tag is untagged), some are locked; each has one blob of its own, so a registry's
 * reclaimable bytes are the deleted manifests' blobs.
 */
import type pg from "pg";

export type PlanEstateRegistry = { name: string; repositories: number; manifests: number };

/** Fills the registries (which must not exist yet) and gives them inventory tokens, as a sync would. */
export async function fillPlanEstate(
  pool: pg.Pool,
  registries: readonly PlanEstateRegistry[],
  asOf: Date,
): Promise<number[]> {
  await pool.query(
    `INSERT INTO subscriptions (id, display_name) VALUES ('00000000-0000-0000-0000-0000000000aa', 'Plan estate')
     ON CONFLICT (id) DO NOTHING`,
  );
  const ids: number[] = [];
  for (const registry of registries) {
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO registries (arm_id, subscription_id, resource_group, name, location, login_server, sku_name,
                               stored_bytes, inventory_token)
       VALUES ($1, '00000000-0000-0000-0000-0000000000aa', 'rg-plan', $2, 'eastus', $3, 'Standard', $4, gen_random_uuid())
       RETURNING id`,
      [
        `/subscriptions/00000000-0000-0000-0000-0000000000aa/resourcegroups/rg-plan/providers/microsoft.containerregistry/registries/${registry.name}`,
        registry.name,
        `${registry.name}.azurecr.io`,
        (500n << 30n).toString(),
      ],
    );
    const id = rows[0].id;
    ids.push(id);
    await pool.query(
      `INSERT INTO repositories (registry_id, name)
       SELECT $1, 'team-' || (i % 3) || '/svc-' || lpad(i::text, 5, '0') FROM generate_series(0, $2 - 1) i`,
      [id, registry.repositories],
    );
    // The digest names the registry, repository and index: unique per registry, distinct across them.
    await pool.query(
      `INSERT INTO manifests (repository_id, digest, size_bytes, created_at, last_updated_at, write_enabled)
       SELECT r.id, 'sha256:' || md5(r.id || '/' || j) || md5(j || '/' || r.id), 1000 + j,
              $2::timestamptz - ((j * 13) % 400) * interval '1 day', $2::timestamptz - ((j * 13) % 400) * interval '1 day',
              j % 50 <> 1
         FROM repositories r, generate_series(0, $3 - 1) j WHERE r.registry_id = $1`,
      [id, asOf.toISOString(), registry.manifests],
    );
    await pool.query(
      `INSERT INTO tags (repository_id, name, digest, last_updated_at)
       SELECT m.repository_id, t.name, m.digest,
              CASE WHEN t.name LIKE 'build-%' OR n.j % 3 <> 0 THEN m.last_updated_at
                   ELSE $2::timestamptz - (n.j % 5) * interval '1 day' END
         FROM manifests m JOIN repositories r ON r.id = m.repository_id,
              LATERAL (SELECT (m.size_bytes - 1000)::int AS j) n,
              LATERAL (SELECT unnest(CASE WHEN n.j % 7 = 0 THEN ARRAY[]::text[]
                                          WHEN n.j % 11 = 0 THEN ARRAY['1.' || n.j || '.0']
                                          WHEN n.j % 3 = 0 THEN ARRAY['build-' || n.j, 'b' || n.j]
                                          ELSE ARRAY['build-' || n.j] END) AS name) t
        WHERE r.registry_id = $1`,
      [id, asOf.toISOString()],
    );
    const ofRegistry = `SELECT m.digest, m.size_bytes FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.registry_id = $1`;
    const blob = `'sha256:' || md5(m.digest) || md5(m.digest || 'b')`;
    await pool.query(
      `INSERT INTO manifest_contents (digest, body_bytes, blob_count, child_count)
       SELECT m.digest, 500, 1, 0 FROM (${ofRegistry}) m ON CONFLICT DO NOTHING`,
      [id],
    );
    await pool.query(
      `INSERT INTO blobs (digest, size_bytes) SELECT ${blob}, m.size_bytes * 1000 FROM (${ofRegistry}) m ON CONFLICT DO NOTHING`,
      [id],
    );
    await pool.query(
      `INSERT INTO manifest_blobs (manifest_digest, blob_digest, kind)
       SELECT m.digest, ${blob}, 'layer' FROM (${ofRegistry}) m ON CONFLICT DO NOTHING`,
      [id],
    );
  }
  return ids;
}

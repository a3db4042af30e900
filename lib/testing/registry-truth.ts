/**
 * Test support: one registry's stored inventory against the generator's ground truth (storage per
 * repository, manifests, tags), and the ground truth of a registry from which a repository or a
 * manifest was deleted (as Azure would have it after the deletion).
 */
import type { Pool } from "pg";
import { expect } from "vitest";
import type { SimRegistry } from "../simulator/estate";
import { expectedRegistryStorage } from "./ground-truth";

export function withoutRepository(registry: SimRegistry, repository: string): SimRegistry {
  return { ...registry, repositories: registry.repositories.filter((r) => r.name !== repository) };
}

/** The manifest gone from its repository, with the tags on it. */
export function withoutManifest(registry: SimRegistry, repository: string, digest: string): SimRegistry {
  return {
    ...registry,
    repositories: registry.repositories.map((r) =>
      r.name !== repository
        ? r
        : {
            ...r,
            manifests: r.manifests.filter((m) => m.digest !== digest),
            tags: r.tags.filter((t) => t.digest !== digest),
          },
    ),
  };
}

export async function expectRegistryMatchesTruth(pool: Pool, registry: SimRegistry): Promise<void> {
  const expected = expectedRegistryStorage(registry);
  const { rows } = await pool.query<{ id: number; stored_bytes: string }>(
    "SELECT id, stored_bytes FROM registries WHERE name = $1",
    [registry.name],
  );
  expect(BigInt(rows[0].stored_bytes), `${registry.name} stored bytes`).toBe(expected.storedBytes);
  const repos = await pool.query<{
    name: string;
    logical: string;
    uniq: string;
    attributed: string;
    manifest_count: number;
    tag_count: number;
  }>(
    `SELECT name, logical_bytes AS logical, unique_bytes AS uniq, attributed_bytes AS attributed, manifest_count, tag_count
     FROM repositories WHERE registry_id = $1`,
    [rows[0].id],
  );
  const stored = new Map(repos.rows.map((r) => [r.name, r]));
  expect([...stored.keys()].sort()).toEqual(expected.repositories.map((r) => r.repository).sort());
  for (const repo of expected.repositories) {
    const s = stored.get(repo.repository)!;
    const attributed = BigInt(s.attributed);
    expect({
      repository: repo.repository,
      logical: BigInt(s.logical),
      unique: BigInt(s.uniq),
      manifests: s.manifest_count,
      tags: s.tag_count,
      attributedInRange: attributed >= repo.attributedMin && attributed <= repo.attributedMax,
    }).toEqual({
      repository: repo.repository,
      logical: repo.logicalBytes,
      unique: repo.uniqueBytes,
      manifests: repo.manifests.size,
      tags: repo.tags.size,
      attributedInRange: true,
    });
  }
  const manifests = await pool.query<{ key: string }>(
    "SELECT r.name || '@' || m.digest AS key FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.registry_id = $1",
    [rows[0].id],
  );
  expect(manifests.rows.map((m) => m.key).sort()).toEqual(
    expected.repositories.flatMap((r) => [...r.manifests.keys()].map((d) => `${r.repository}@${d}`)).sort(),
  );
  const tags = await pool.query<{ key: string }>(
    "SELECT r.name || ':' || t.name || '=' || t.digest AS key FROM tags t JOIN repositories r ON r.id = t.repository_id WHERE r.registry_id = $1",
    [rows[0].id],
  );
  expect(tags.rows.map((t) => t.key).sort()).toEqual(
    expected.repositories
      .flatMap((r) => [...r.tags].map(([name, digest]) => `${r.repository}:${name}=${digest}`))
      .sort(),
  );
}

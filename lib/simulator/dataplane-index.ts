// Sorted views of a registry for O(page) paging. Built lazily per repository and dropped
// with it (WeakMaps): a repository laid out again at a later date is a new object, so a date
// change never serves stale order, and an unchanged one keeps its views from day to day.
import { compareCodePoints } from "../compare";
import type { SimManifest, SimRegistry, SimRepository, SimTag } from "./estate";

export type OrderBy = "name" | "timeasc" | "timedesc";

export interface Ordered<T> {
  items: T[];
  position: Map<string, number>;
}

export interface RepoIndex {
  manifestByDigest: Map<string, SimManifest>;
  tagByName: Map<string, SimTag>;
  manifests: Record<OrderBy, Ordered<SimManifest>>;
  tags: Record<OrderBy, Ordered<SimTag>>;
}

export interface RegistryIndex {
  names: string[];
  repoByName: Map<string, SimRepository>;
}

const registryIndexes = new WeakMap<SimRegistry, RegistryIndex>();
const repoIndexes = new WeakMap<SimRepository, RepoIndex>();

export function registryIndex(r: SimRegistry): RegistryIndex {
  let idx = registryIndexes.get(r);
  if (!idx) {
    const repoByName = new Map(r.repositories.map((repo) => [repo.name, repo]));
    idx = { names: [...repoByName.keys()].sort(compareCodePoints), repoByName };
    registryIndexes.set(r, idx);
  }
  return idx;
}

function ordered<T>(items: T[], key: (t: T) => string): Ordered<T> {
  return { items, position: new Map(items.map((t, i) => [key(t), i])) };
}

function views<T extends { lastUpdatedAt: Date }>(items: T[], key: (t: T) => string): Record<OrderBy, Ordered<T>> {
  const byName = [...items].sort((a, b) => compareCodePoints(key(a), key(b)));
  const asc = [...items].sort(
    (a, b) => a.lastUpdatedAt.getTime() - b.lastUpdatedAt.getTime() || compareCodePoints(key(a), key(b)),
  );
  return { name: ordered(byName, key), timeasc: ordered(asc, key), timedesc: ordered([...asc].reverse(), key) };
}

export function repoIndex(repo: SimRepository): RepoIndex {
  let idx = repoIndexes.get(repo);
  if (!idx) {
    idx = {
      manifestByDigest: new Map(repo.manifests.map((m) => [m.digest, m])),
      tagByName: new Map(repo.tags.map((t) => [t.name, t])),
      manifests: views(repo.manifests, (m) => m.digest),
      tags: views(repo.tags, (t) => t.name),
    };
    repoIndexes.set(repo, idx);
  }
  return idx;
}

/** Items after `last` (exclusive) in the given order, at most `n`; `more` says whether a next page exists. */
export function pageAfter<T>(view: Ordered<T>, last: string | null, n: number): { items: T[]; more: boolean } {
  const start = last === null ? 0 : (view.position.get(last) ?? -1) + 1;
  const items = view.items.slice(start, start + n);
  return { items, more: start + n < view.items.length };
}

/** Catalog paging: names sorted; `last` need not exist (binary search). */
export function catalogAfter(names: string[], last: string | null, n: number): { items: string[]; more: boolean } {
  let lo = 0;
  if (last !== null) {
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (names[mid] <= last) lo = mid + 1;
      else hi = mid;
    }
  }
  return { items: names.slice(lo, lo + n), more: lo + n < names.length };
}

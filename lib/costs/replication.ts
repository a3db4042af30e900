/**
 * Replication scope: what each geo-replica costs per month, and a what-if that moves
 * only the repositories that must be global into a replicated Premium registry and the rest into
 * the cheapest SKU. Full months (days_in_month), registry shape as it is now, no task cost.
 * Replicas are priced at the registry's home-region prices, as the month's cost lines are (the
 * daily snapshots record how many replicas, not where), so these figures agree with the costs page.
 */
import { daysInMonth } from "@/lib/calendar";
import { anyGlobMatcher } from "@/lib/patterns/glob";
import { splitEvenly } from "../storage/storage";
import { fullMonthCost } from "./monthly-cost";
import { normalizeLocation, pricesFor } from "./pricing";
import { toSku } from "./sku";
import { SKUS, type Micros, type Pricing, type Sku } from "./types";
import { compareCodePoints } from "@/lib/compare";

export type ReplicaCost = { location: string; unit: Micros; storage: Micros; total: Micros };

export type ReplicatedRegistry = { sku: string; location: string; storedBytes: bigint; replicaLocations: string[] };

/**
 * The one rule for which replications are billable replicas, used by the registries pages, the
 * costs pages and the sync's daily snapshots alike. Azure lists the home region among a Premium
 * registry's replications; it is not a billable replica. Two spellings name the same region when
 * normalizeLocation makes them equal (case and spaces ignored), so a region listed twice is one
 * replica; its first spelling is kept, and the order is the input's.
 */
export function billableReplicaLocations(registry: {
  location: string;
  replicaLocations: readonly string[];
}): string[] {
  const home = normalizeLocation(registry.location);
  const seen = new Set<string>([home]);
  return registry.replicaLocations.filter((location) => {
    const key = normalizeLocation(location);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether a replication sits in the registry's home region (see billableReplicaLocations). */
export function isHomeRegion(registryLocation: string, location: string): boolean {
  return normalizeLocation(location) === normalizeLocation(registryLocation);
}

/** One entry per billable replica. Replica storage is the registry's month figure split evenly, first replicas taking the left-over micros, so the entries sum to it. */
export function replicaMonthlyCosts(input: {
  registry: ReplicatedRegistry;
  month: string;
  pricing: Pricing;
}): ReplicaCost[] {
  const { registry, pricing } = input;
  const locations = billableReplicaLocations(registry);
  const month = fullMonthCost({
    sku: toSku(registry.sku),
    storedBytes: registry.storedBytes,
    replicas: locations.length,
    prices: pricesFor(pricing, registry.location),
    days: daysInMonth(input.month),
    replicaStorage: pricing.replicaStorage,
  });
  const unitEach = locations.length > 0 ? month.replicationUnit / BigInt(locations.length) : 0n;
  const storageByLocation = new Map<string, Micros>();
  splitEvenly(month.replicationStorage, locations, 0, (location, micros) => storageByLocation.set(location, micros));
  return locations.map((location) => {
    const storage = storageByLocation.get(location) ?? 0n;
    return { location, unit: unitEach, storage, total: unitEach + storage };
  });
}

/**
 * Repository name globs (lib/patterns/glob): `*` within a path segment, `**` across slashes. No
 * pattern matches nothing; a glob over the limits or refused is a LedgerError("validation") naming it.
 */
export function globalMatcher(patterns: string[]): (repository: string) => boolean {
  return anyGlobMatcher(patterns.map((p) => p.trim()).filter(Boolean));
}

export type WhatIf = {
  current: Micros;
  global: { sku: "Premium"; storedBytes: bigint; replicas: number; monthly: Micros; repositories: string[] };
  rest: { sku: Sku; storedBytes: bigint; monthly: Micros; repositories: string[] };
  proposed: Micros;
  monthlySaving: Micros;
};

/**
 * Splits a replicated registry in two. A subset's size is the Σ of its repositories' attributed
 * bytes: a layer shared across the two subsets is then counted in part on each side although
 * each new registry would store it whole, so the proposal is an estimate (slightly low when the
 * subsets share layers). A side with no repository costs nothing (no registry is needed).
 * The rest goes to the SKU with the lowest monthly total, storage above its allowance included
 * (ties to the smaller SKU).
 */
export function replicationWhatIf(input: {
  registry: ReplicatedRegistry;
  repositories: { name: string; attributedBytes: bigint }[];
  isGlobal: (repository: string) => boolean;
  month: string;
  pricing: Pricing;
}): WhatIf {
  const { registry, pricing } = input;
  const prices = pricesFor(pricing, registry.location);
  const days = daysInMonth(input.month);
  const replicas = billableReplicaLocations(registry).length;
  const monthly = (sku: Sku, storedBytes: bigint, replicaCount: number) =>
    fullMonthCost({ sku, storedBytes, replicas: replicaCount, prices, days, replicaStorage: pricing.replicaStorage })
      .total;

  const sorted = [...input.repositories].sort((a, b) => compareCodePoints(a.name, b.name));
  const globalRepos = sorted.filter((r) => input.isGlobal(r.name));
  const restRepos = sorted.filter((r) => !input.isGlobal(r.name));
  const globalBytes = globalRepos.reduce((sum, r) => sum + r.attributedBytes, 0n);
  const restBytes = restRepos.reduce((sum, r) => sum + r.attributedBytes, 0n);

  const [restSku, restMonthly] = SKUS.map((sku) => [sku, monthly(sku, restBytes, 0)] as const).reduce((best, option) =>
    option[1] < best[1] ? option : best,
  );
  const global = {
    sku: "Premium" as const,
    storedBytes: globalBytes,
    replicas,
    monthly: globalRepos.length > 0 ? monthly("Premium", globalBytes, replicas) : 0n,
    repositories: globalRepos.map((r) => r.name),
  };
  const rest = {
    sku: restSku,
    storedBytes: restBytes,
    monthly: restRepos.length > 0 ? restMonthly : 0n,
    repositories: restRepos.map((r) => r.name),
  };
  const current = monthly(toSku(registry.sku), registry.storedBytes, replicas);
  const proposed = global.monthly + rest.monthly;
  return { current, global, rest, proposed, monthlySaving: current - proposed };
}

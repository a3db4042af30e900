/**
 * What a registry costs for a whole month at constant size: the registry-cost.ts formulas summed
 * over days_in_month days (tasks excluded: they depend on runs, not on the registry's shape).
 * Each kind is rounded once, as a month's line is, so a steady month of computeRegistryMonthCost
 * gives the same figures.
 */
import { roundDiv } from "./money";
import type { Micros, Prices, Pricing, Sku } from "./types";

const BYTES_PER_GIB = 1n << 30n;

export type MonthlyCost = {
  unit: Micros;
  storage: Micros;
  replicationUnit: Micros;
  replicationStorage: Micros;
  total: Micros;
};

export function fullMonthCost(input: {
  sku: Sku;
  storedBytes: bigint;
  replicas: number;
  prices: Prices;
  days: number;
  replicaStorage: Pricing["replicaStorage"];
}): MonthlyCost {
  const { prices } = input;
  const days = BigInt(input.days);
  const replicas = BigInt(input.replicas);
  const unit = prices.skus[input.sku].unitPerDay * days;
  const storage = roundDiv(
    excess(input.storedBytes, prices.skus[input.sku].includedBytes) * prices.storagePerGiBMonth,
    BYTES_PER_GIB,
  );
  const replicationUnit = replicas * prices.replicationUnitPerDay * days;
  const replicaExcess =
    input.replicaStorage === "full-copy" ? excess(input.storedBytes, prices.skus.Premium.includedBytes) : 0n;
  const replicationStorage = roundDiv(replicas * replicaExcess * prices.storagePerGiBMonth, BYTES_PER_GIB);
  return {
    unit,
    storage,
    replicationUnit,
    replicationStorage,
    total: unit + storage + replicationUnit + replicationStorage,
  };
}

export function excess(storedBytes: bigint, includedBytes: bigint): bigint {
  return storedBytes > includedBytes ? storedBytes - includedBytes : 0n;
}

/**
 * The pricing table in force: the defaults file merged with an optional override file, region
 * overrides resolved, and the negotiated discount applied to every price once, here, so every
 * figure downstream is already net. Pure: the caller (lib/costs/server/get-pricing.ts) reads the files.
 */
import type { z } from "zod";
import { documentError } from "@/lib/validation";
import { roundDiv } from "./money";
import {
  completePricingFileSchema,
  pricingFileSchema,
  type CompletePricingFile,
  type PartialPrices,
  type PricingFile,
} from "./pricing-file";
import { SKUS, type Micros, type Prices, type Pricing, type Sku, type SkuPrices } from "./types";

export { pricingFileSchema } from "./pricing-file";

const BYTES_PER_GIB = 1n << 30n;

export function buildPricing(defaults: unknown, override?: { name: string; json: unknown }): Pricing {
  const base = parseFile(completePricingFileSchema, defaults, "the default pricing table (default-pricing.json)");
  const extra: PricingFile = override ? parseFile(pricingFileSchema, override.json, override.name) : {};

  const discountPercent = extra.discountPercent ?? base.discountPercent;
  const discount = discountFactor(discountPercent);
  const basePrices = mergePrices(base, extra);
  const regionPartials = new Map<string, PartialPrices>();
  for (const regions of [base.regions, extra.regions ?? {}]) {
    for (const [location, partial] of Object.entries(regions)) {
      const key = normalizeLocation(location);
      regionPartials.set(key, mergePartials(regionPartials.get(key) ?? {}, partial));
    }
  }
  const regions: Record<string, Prices> = {};
  for (const [location, partial] of regionPartials)
    regions[location] = toPrices(mergePrices(basePrices, partial), discount);

  const readOn = extra.readOn ?? base.readOn;
  const fileName = override ? baseName(override.name) : undefined;
  const sourceParts = [`${extra.source ?? base.source}, read ${readOn}`, `discount ${discountPercent}%`];
  if (override) sourceParts.push(`override ${fileName}`);
  return {
    ...toPrices(basePrices, discount),
    id: extra.id ?? (fileName ? `${base.id}+${fileName}` : base.id),
    source: sourceParts.join("; "),
    readOn,
    currency: extra.currency ?? base.currency,
    discountPercent,
    defaultTaskCpu: extra.defaultTaskCpu ?? base.defaultTaskCpu,
    replicaStorage: extra.replicaStorage ?? base.replicaStorage,
    regions,
  };
}

/** The prices of a registry's region: its override when the table has one, else the base prices. */
export function pricesFor(pricing: Pricing, location: string): Prices {
  const key = normalizeLocation(location);
  // Own keys only: "constructor" or "toString" must not find Object.prototype's members.
  if (Object.hasOwn(pricing.regions, key)) return pricing.regions[key];
  const { skus, storagePerGiBMonth, replicationUnitPerDay, taskPerVcpuSecond, taskFreeVcpuSecondsPerMonth } = pricing;
  return { skus, storagePerGiBMonth, replicationUnitPerDay, taskPerVcpuSecond, taskFreeVcpuSecondsPerMonth };
}

/** ARM spells a location "westeurope" and portals "West Europe": both name the same region. */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

function parseFile<T extends z.ZodType>(schema: T, json: unknown, name: string): z.output<T> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  // A misspelt key is named on its object ('regions.eastus: Unrecognized key: "storagePrice"'), as operators know it.
  throw documentError(`Invalid pricing file ${name}`, "(file)", result.error.issues, {
    code: "config",
    unknownKeys: "zod",
  });
}

type FullPrices = Pick<
  CompletePricingFile,
  "skus" | "storagePerGiBMonth" | "replicationUnitPerDay" | "taskPerVcpuSecond" | "taskFreeVcpuSecondsPerMonth"
>;

function mergePrices(base: FullPrices, partial: PartialPrices): FullPrices {
  const skus = { ...base.skus };
  for (const sku of SKUS) skus[sku] = { ...base.skus[sku], ...partial.skus?.[sku] };
  return {
    skus,
    storagePerGiBMonth: partial.storagePerGiBMonth ?? base.storagePerGiBMonth,
    replicationUnitPerDay: partial.replicationUnitPerDay ?? base.replicationUnitPerDay,
    taskPerVcpuSecond: partial.taskPerVcpuSecond ?? base.taskPerVcpuSecond,
    taskFreeVcpuSecondsPerMonth: partial.taskFreeVcpuSecondsPerMonth ?? base.taskFreeVcpuSecondsPerMonth,
  };
}

function mergePartials(first: PartialPrices, second: PartialPrices): PartialPrices {
  const skus: NonNullable<PartialPrices["skus"]> = {};
  for (const sku of SKUS) {
    const merged = { ...first.skus?.[sku], ...second.skus?.[sku] };
    if (Object.keys(merged).length > 0) skus[sku] = merged;
  }
  return { ...first, ...second, skus };
}

/** Applies price × (100 − discount) / 100; the discount is taken to 6 decimals so the product is a rational of micros. */
function discountFactor(discountPercent: number): (price: Micros) => Micros {
  const keptMillionths = 100_000_000n - BigInt(Math.round(discountPercent * 1_000_000));
  return (price) => roundDiv(price * keptMillionths, 100_000_000n);
}

function toPrices(prices: FullPrices, discount: (price: Micros) => Micros): Prices {
  const skus = {} as Record<Sku, SkuPrices>;
  for (const sku of SKUS) {
    skus[sku] = {
      unitPerDay: discount(prices.skus[sku].unitPerDay),
      includedBytes: BigInt(prices.skus[sku].includedGiB) * BYTES_PER_GIB,
    };
  }
  return {
    skus,
    storagePerGiBMonth: discount(prices.storagePerGiBMonth),
    replicationUnitPerDay: discount(prices.replicationUnitPerDay),
    taskPerVcpuSecond: discount(prices.taskPerVcpuSecond),
    taskFreeVcpuSecondsPerMonth: prices.taskFreeVcpuSecondsPerMonth,
  };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

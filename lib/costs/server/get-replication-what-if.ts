import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import { globalMatcher, replicationWhatIf } from "@/lib/costs/replication";
import type { Sku } from "@/lib/costs/types";
import { getPricing } from "@/lib/costs/server/get-pricing";
import { bytesToNumber } from "../../views";
import { parseInput } from "../../validation";
import { costMonthFields, resolveMonth } from "../cost-params";
import type { MicrosString } from "../cost-views";

/** The registry tag whose value lists the global repository patterns, unless the form names another. */
export const DEFAULT_GLOBAL_TAG = "global-repositories";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const whatIfParamsSchema = z
  .object({
    month: costMonthFields.month,
    registry: z.string().trim().min(1).max(100),
    /** Where the patterns come from: typed in, or the value of a tag on the registry. */
    source: z.enum(["patterns", "tag"]).catch("patterns").default("patterns"),
    patterns: text(2000),
    tag: text(200),
  })
  .transform(resolveMonth);
export type WhatIfParams = z.input<typeof whatIfParamsSchema>;

/** Patterns are separated by commas, spaces or line breaks: "base/*, team/**". */
function splitPatterns(value: string | undefined): string[] {
  return (value ?? "").split(/[\s,]+/).filter(Boolean);
}

export type WhatIfSide = {
  sku: Sku;
  storedBytes: number;
  replicas: number;
  monthlyMicros: MicrosString;
  repositories: string[];
};

export type ReplicationWhatIf = {
  registry: string;
  sku: string;
  month: string;
  currency: string;
  source: "patterns" | "tag";
  tag: string;
  /** The tag's value when the patterns come from a tag; null when the registry does not carry it. */
  tagValue: string | null;
  patterns: string[];
  currentMicros: MicrosString;
  global: WhatIfSide;
  rest: WhatIfSide;
  proposedMicros: MicrosString;
  monthlySavingMicros: MicrosString;
};

const tagsSchema = z.record(z.string(), z.string()).catch({});

/** The what-if for one current registry; null when there is no such registry. */
export async function getReplicationWhatIf(input: WhatIfParams): Promise<ReplicationWhatIf | null> {
  const params = parseInput(whatIfParamsSchema, input);
  const db = await getDb();
  const registry = await db.registry.findFirst({
    where: { name: params.registry, ...CURRENT_REGISTRY },
    orderBy: { id: "desc" },
    select: {
      id: true,
      name: true,
      skuName: true,
      location: true,
      storedBytes: true,
      tags: true,
      replications: { select: { location: true } },
    },
  });
  if (!registry) return null;
  const [pricing, repositories] = await Promise.all([
    getPricing(),
    db.repository.findMany({ where: { registryId: registry.id }, select: { name: true, attributedBytes: true } }),
  ]);
  const tag = params.tag ?? DEFAULT_GLOBAL_TAG;
  const tagValue = params.source === "tag" ? (tagsSchema.parse(registry.tags)[tag] ?? null) : null;
  const patterns = splitPatterns(params.source === "tag" ? (tagValue ?? undefined) : params.patterns);
  const shape = {
    sku: registry.skuName,
    location: registry.location,
    storedBytes: registry.storedBytes,
    replicaLocations: registry.replications.map((r) => r.location),
  };
  const w = replicationWhatIf({
    registry: shape,
    repositories,
    isGlobal: globalMatcher(patterns),
    month: params.month,
    pricing,
  });
  return {
    registry: registry.name,
    sku: registry.skuName,
    month: params.month,
    currency: pricing.currency,
    source: params.source,
    tag,
    tagValue,
    patterns,
    currentMicros: w.current.toString(),
    global: {
      sku: w.global.sku,
      storedBytes: bytesToNumber(w.global.storedBytes),
      replicas: w.global.replicas,
      monthlyMicros: w.global.monthly.toString(),
      repositories: w.global.repositories,
    },
    rest: {
      sku: w.rest.sku,
      storedBytes: bytesToNumber(w.rest.storedBytes),
      replicas: 0,
      monthlyMicros: w.rest.monthly.toString(),
      repositories: w.rest.repositories,
    },
    proposedMicros: w.proposed.toString(),
    monthlySavingMicros: w.monthlySaving.toString(),
  };
}

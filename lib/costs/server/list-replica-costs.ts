import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import { normalizeLocation } from "@/lib/costs/pricing";
import { replicaMonthlyCosts } from "@/lib/costs/replication";
import { getPricing } from "@/lib/costs/server/get-pricing";
import { bytesToNumber } from "../../views";
import { optionalFilterText, parseInput } from "../../validation";
import { costMonthFields, resolveMonth } from "../cost-params";
import type { MicrosString } from "../cost-views";

const paramsSchema = z.object({ month: costMonthFields.month, registry: optionalFilterText }).transform(resolveMonth);

export type ReplicaCostRow = {
  location: string;
  status: string | null;
  zoneRedundancy: string | null;
  unitMicros: MicrosString;
  storageMicros: MicrosString;
  totalMicros: MicrosString;
};

export type ReplicatedRegistryCosts = {
  name: string;
  sku: string;
  location: string;
  storedBytes: number;
  totalMicros: MicrosString;
  replicas: ReplicaCostRow[];
};

export type ReplicaCosts = {
  month: string;
  currency: string;
  replicaStorage: "full-copy" | "none";
  registries: ReplicatedRegistryCosts[];
};

/**
 * What each geo-replica of each current registry costs for a full month at today's shape (stored
 * bytes and replicas as synced last). The home region, which Azure lists among the replications,
 * is not a replica and is left out.
 */
export async function listReplicaCosts(input: z.input<typeof paramsSchema> = {}): Promise<ReplicaCosts> {
  const params = parseInput(paramsSchema, input);
  const db = await getDb();
  const [pricing, registries] = await Promise.all([
    getPricing(),
    db.registry.findMany({
      where: { ...CURRENT_REGISTRY, replications: { some: {} }, ...(params.registry ? { name: params.registry } : {}) },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        name: true,
        skuName: true,
        location: true,
        storedBytes: true,
        replications: {
          orderBy: { location: "asc" },
          select: { location: true, status: true, provisioningState: true, zoneRedundancy: true },
        },
      },
    }),
  ]);
  const result: ReplicatedRegistryCosts[] = [];
  for (const r of registries) {
    const costs = replicaMonthlyCosts({
      registry: {
        sku: r.skuName,
        location: r.location,
        storedBytes: r.storedBytes,
        replicaLocations: r.replications.map((p) => p.location),
      },
      month: params.month,
      pricing,
    });
    if (costs.length === 0) continue;
    const byLocation = new Map(r.replications.map((p) => [normalizeLocation(p.location), p]));
    result.push({
      name: r.name,
      sku: r.skuName,
      location: r.location,
      storedBytes: bytesToNumber(r.storedBytes),
      totalMicros: costs.reduce((sum, c) => sum + c.total, 0n).toString(),
      replicas: costs.map((c) => {
        const replication = byLocation.get(normalizeLocation(c.location));
        return {
          location: c.location,
          status: replication?.status ?? replication?.provisioningState ?? null,
          zoneRedundancy: replication?.zoneRedundancy ?? null,
          unitMicros: c.unit.toString(),
          storageMicros: c.storage.toString(),
          totalMicros: c.total.toString(),
        };
      }),
    });
  }
  return {
    month: params.month,
    currency: pricing.currency,
    replicaStorage: pricing.replicaStorage,
    registries: result,
  };
}

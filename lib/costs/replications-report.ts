import { z } from "zod";
import { formatMoney } from "@/lib/costs/money";
import { monthSchema } from "@/lib/validation";
import { listReplicaCosts } from "@/lib/costs/server/list-replica-costs";
import { defineReport } from "../reports/define-report";

export const replicationsReport = defineReport({
  name: "replications",
  description:
    "What each geo-replica costs for a full month at the registry's current size (the home region is not a replica)",
  columns: [
    "registry",
    "replica_location",
    "status",
    "zone_redundancy",
    "monthly_unit_cost",
    "monthly_storage_cost",
    "monthly_cost",
    "currency",
  ],
  numericColumns: ["monthly_unit_cost", "monthly_storage_cost", "monthly_cost"],
  options: z.object({ month: monthSchema.optional() }),
  optionDescriptions: { month: "the month whose length prices the replicas, YYYY-MM (default: the current month)" },
  async *rows({ month }) {
    const costs = await listReplicaCosts({ month });
    for (const registry of costs.registries) {
      for (const replica of registry.replicas) {
        yield {
          registry: registry.name,
          replica_location: replica.location,
          status: replica.status,
          zone_redundancy: replica.zoneRedundancy,
          monthly_unit_cost: formatMoney(BigInt(replica.unitMicros), 6),
          monthly_storage_cost: formatMoney(BigInt(replica.storageMicros), 6),
          monthly_cost: formatMoney(BigInt(replica.totalMicros), 6),
          currency: costs.currency,
        };
      }
    }
  },
});

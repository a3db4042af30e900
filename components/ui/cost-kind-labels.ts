import type { CostKind } from "@/lib/costs/types";

export const COST_KIND_LABELS: Record<CostKind, string> = {
  unit: "Registry unit",
  storage: "Storage",
  replication_unit: "Replication units",
  replication_storage: "Replica storage",
  tasks: "Tasks",
};

/** What each kind's quantity counts, for column tooltips. */
export const COST_KIND_HINTS: Record<CostKind, string> = {
  unit: "registry-days × the SKU's daily unit price",
  storage: "GiB-months above the SKU's included storage",
  replication_unit: "replica-days × the Premium replication unit price",
  replication_storage: "GiB-months every replica holds above Premium's included storage",
  tasks: "vCPU-seconds of task runs beyond the month's free grant",
};

/**
 * The cost model's vocabulary (PRODUCT.md "Cost"). Money is bigint micro-units
 * (1/1,000,000) of the pricing currency: sums are exact, and money becomes a decimal only at the
 * edge (lib/format.ts for pages, lib/reports for CSV). Bytes are bigint; GiB means 2^30 bytes.
 */

export type Micros = bigint;

export const SKUS = ["Basic", "Standard", "Premium"] as const;
export type Sku = (typeof SKUS)[number];

export const COST_KINDS = ["unit", "storage", "replication_unit", "replication_storage", "tasks"] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** CSV `unit` of each kind's quantity: registry-days, GiB-months above the included amount, replica-days, billable vCPU-seconds. */
export const COST_UNITS: Record<CostKind, "day" | "GiB-month" | "vCPU-second"> = {
  unit: "day",
  storage: "GiB-month",
  replication_unit: "day",
  replication_storage: "GiB-month",
  tasks: "vCPU-second",
};

export type SkuPrices = { unitPerDay: Micros; includedBytes: bigint };

/** The prices that apply to one registry (its region's overrides and the discount already applied). */
export type Prices = {
  skus: Record<Sku, SkuPrices>;
  storagePerGiBMonth: Micros;
  replicationUnitPerDay: Micros;
  taskPerVcpuSecond: Micros;
  taskFreeVcpuSecondsPerMonth: number;
};

export type Pricing = Prices & {
  /** Stable id of the table, e.g. "azure-list-usd-2026-11-01" (plus "+<file name>" when overridden). */
  id: string;
  /** What produced the figures, for the UI and the CSV `pricing_source`: table, date read, discount, override file. */
  source: string;
  /** YYYY-MM-DD the list prices were read. */
  readOn: string;
  currency: string;
  /** Negotiated discount in percent, already applied to every price. */
  discountPercent: number;
  /** Task runs without a known CPU count are billed at this many vCPUs. */
  defaultTaskCpu: number;
  /** Each geo-replica holds a full copy of the registry's data (the default assumption) or nothing billable. */
  replicaStorage: "full-copy" | "none";
  /** Per-region (lower-case ARM location) prices; see pricesFor(). */
  regions: Record<string, Prices>;
};

/** One day of a registry as the daily snapshots record it. */
export type RegistryDay = {
  day: string; // YYYY-MM-DD (UTC)
  sku: string;
  location: string;
  /** Distinct blob bytes on that day (S). */
  storedBytes: bigint;
  /** Billable geo-replicas: replications outside the home region. */
  replicaCount: number;
};

export type TaskRunUsage = { startedAt: Date; finishedAt: Date; cpu: number | null };

export type CostLine = {
  kind: CostKind;
  unit: (typeof COST_UNITS)[CostKind];
  /** Exact decimal string (up to 9 decimals): registry-days, GiB-months, replica-days or vCPU-seconds. */
  quantity: string;
  unitPrice: Micros;
  /** quantity × unitPrice, in micro-units. */
  cost: Micros;
};

export type DayCost = { day: string; storedBytes: bigint; carriedForward: boolean; costs: Record<CostKind, Micros> };

export type RegistryMonthCost = {
  month: string; // YYYY-MM
  /** Days covered: from the month's first day or the first snapshot, whichever is later, to the month's last day or today, whichever is earlier. */
  days: number;
  /** One line per cost kind, always all five, in COST_KINDS order. */
  lines: CostLine[];
  total: Micros;
  daily: DayCost[];
};

export type Severity = "high" | "medium" | "low" | "info";

export type Finding = {
  registry: string;
  /** Stable machine code, e.g. "admin-user-enabled". */
  code: string;
  /** Human title, the CSV `finding`. */
  title: string;
  severity: Severity;
  evidence: string;
  /** Monthly saving when acting on it, null where there is none to claim. */
  monthlySaving: Micros | null;
};

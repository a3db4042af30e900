/**
 * What a cleanup plan saves a registry per month: its storage and replica storage cost
 * for a full month before minus after, after = stored bytes − the plan's reclaimable bytes, at the
 * registry's current SKU, replicas and region prices. The cost model's own fullMonthCost does the
 * pricing, so the figure agrees with the costs page. Below the SKU's included storage nothing is
 * billed, so deleting there saves nothing: the result says so, for the UI to print beside the figure.
 */
import { daysInMonth } from "@/lib/calendar";
import { fullMonthCost } from "../costs/monthly-cost";
import { pricesFor } from "../costs/pricing";
import { billableReplicaLocations, type ReplicatedRegistry } from "../costs/replication";
import { toSku } from "../costs/sku";
import type { Micros, Pricing } from "../costs/types";

const BYTES_PER_GIB = 1n << 30n;

/** Why the saving is what it is, when that needs saying. */
export type SavingNote =
  /** The plan frees no bytes. */
  | "nothing-reclaimable"
  /** Stored bytes are within the included storage already: the freed bytes were never billed. */
  | "under-included"
  /** The freed bytes take the registry below its included storage: only the excess was billed. */
  | "down-to-included"
  | null;

export type StorageSaving = {
  /** Storage + replica storage of a full month, before and after the plan. */
  beforeMicros: Micros;
  afterMicros: Micros;
  savingMicros: Micros;
  storedBytesAfter: bigint;
  includedBytes: bigint;
  note: SavingNote;
};

export function monthlyStorageSaving(input: {
  registry: ReplicatedRegistry;
  reclaimableBytes: bigint;
  month: string;
  pricing: Pricing;
}): StorageSaving {
  const { registry, pricing } = input;
  const sku = toSku(registry.sku);
  const prices = pricesFor(pricing, registry.location);
  const shape = {
    sku,
    replicas: billableReplicaLocations(registry).length,
    prices,
    days: daysInMonth(input.month),
    replicaStorage: pricing.replicaStorage,
  };
  const storageOf = (storedBytes: bigint) => {
    const month = fullMonthCost({ ...shape, storedBytes });
    return month.storage + month.replicationStorage;
  };
  // The inventory and the stored-bytes measure are taken apart: never price a negative size.
  const storedBytesAfter =
    registry.storedBytes > input.reclaimableBytes ? registry.storedBytes - input.reclaimableBytes : 0n;
  const beforeMicros = storageOf(registry.storedBytes);
  const afterMicros = storageOf(storedBytesAfter);
  const includedBytes = prices.skus[sku].includedBytes;
  return {
    beforeMicros,
    afterMicros,
    savingMicros: beforeMicros - afterMicros,
    storedBytesAfter,
    includedBytes,
    note: noteFor(input.reclaimableBytes, registry.storedBytes, storedBytesAfter, includedBytes),
  };
}

function noteFor(reclaimableBytes: bigint, before: bigint, after: bigint, includedBytes: bigint): SavingNote {
  if (reclaimableBytes === 0n) return "nothing-reclaimable";
  if (before <= includedBytes) return "under-included";
  if (after < includedBytes) return "down-to-included";
  return null;
}

/** The sentence beside the figure: "under the included 100 GiB: no storage saving". */
export function savingNoteText(note: SavingNote, includedBytes: bigint): string | null {
  const included = `the included ${formatGiB(includedBytes)}`;
  switch (note) {
    case "nothing-reclaimable":
      return "nothing reclaimable: no storage saving";
    case "under-included":
      return `under ${included}: no storage saving`;
    case "down-to-included":
      return `only the part above ${included} was billed`;
    default:
      return null;
  }
}

function formatGiB(bytes: bigint): string {
  return bytes % BYTES_PER_GIB === 0n ? `${bytes / BYTES_PER_GIB} GiB` : `${bytes} bytes`;
}

/**
 * A chargeback month as every view reads it: each registry's allocation kept in
 * kept_chargeback_months when its key still matches (listMonthInputs: the registry's row,
 * snapshots and task runs of the month; plus the pricing, the covered end and the codec's format;
 * the row is per ownership config), else allocated here by allocateMonth (that registry alone) and,
 * with `keep`, kept. The bills imported for the month are applied on every read, so an import
 * never leaves a row stale. The figures are allocateMonth's to the micro: only their speed varies.
 * The rows a whole-estate read decodes are held in a bounded in-process LRU by their key and row
 * version, so a warm read (a team's page reads seven months) checks the keys and versions and
 * skips the bodies' transfer and decoding.
 * No "server-only" guard: the sync keeps months from its CLI and workers too.
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { ChargebackConfig } from "@/lib/chargeback/config";
import {
  decodeKeptRegistryMonth,
  encodeKeptRegistryMonth,
  MONTH_CODEC_VERSION,
  type KeptRegistryMonth,
} from "@/lib/chargeback/month-codec";
import { getPricing } from "@/lib/costs/server/get-pricing";
import type { Pricing } from "@/lib/costs/types";
import { coveredUntil } from "@/lib/calendar";
import type { CostMonth } from "../../costs/cost-params";
import { allocateMonth, readBilled, withBill, type ChargebackMonthData } from "./allocate-month";
import { listKeptMonths, listKeptMonthVersions, storeKeptMonths, type KeptMonthRow } from "./kept-months-store";
import { listMonthInputs } from "./list-month-inputs";

export type ReadMonthOptions = {
  /** Keep what had to be allocated (the stored rules; never a draft, which nobody reads again). */
  keep: boolean;
  scaleToBilled?: boolean;
  /** Only these registries (the sync keeping one). */
  registryIds?: readonly number[];
};

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const canonical = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

export const configHashOf = (config: ChargebackConfig) => sha256(canonical(config));

/**
 * Decoded rows by registry, month, config, key and row version (any write of the row moves it, so
 * an entry is the row's exact body decoded, never stale, only unused), sized in repositories (~10
 * months of the `large` estate's 9,600). Shared: readers must not mutate a kept month. The sync's
 * per-registry keeps never fill it, so the workers hold none.
 */
const MAX_DECODED_REPOSITORIES = 100_000;
type Decoded = { kept: KeptRegistryMonth | null };
// On globalThis like the database client: Next may load this module once per route bundle.
const holder = globalThis as typeof globalThis & { __registryLedgerKeptMonths?: LRUCache<string, Decoded> };
const decoded = (holder.__registryLedgerKeptMonths ??= new LRUCache<string, Decoded>({
  maxSize: MAX_DECODED_REPOSITORIES,
  sizeCalculation: (entry) => 1 + (entry.kept?.allocation.repositories.length ?? 0),
}));

function monthKey(month: string, until: string, pricing: Pricing, inputs: string): string {
  return sha256(canonical({ format: MONTH_CODEC_VERSION, month, until, pricing, inputs }));
}

/** Only the identity the views show is kept of the cost model's record. */
function toKept(r: KeptRegistryMonth): KeptRegistryMonth {
  const { registryId, name, subscriptionId, resourceGroup, location } = r.record;
  return {
    record: { registryId, name, subscriptionId, resourceGroup, location },
    armId: r.armId,
    tags: r.tags,
    estimatedMicros: r.estimatedMicros,
    allocation: r.allocation,
  };
}

export async function readChargebackMonth(
  params: CostMonth,
  config: ChargebackConfig,
  options: ReadMonthOptions,
): Promise<ChargebackMonthData> {
  const { month } = params;
  const until = coveredUntil(month, params.today);
  const configHash = configHashOf(config);
  const [pricing, inputs, billed] = await Promise.all([
    getPricing(),
    listMonthInputs(month, until, options.registryIds),
    readBilled(month),
  ]);
  const keys = new Map(inputs.map((r) => [r.registryId, monthKey(month, until, pricing, r.inputs)]));
  const months = new Map<number, KeptRegistryMonth | null>();
  const hold = options.registryIds === undefined;
  const heldAs = (registryId: number, version: string) =>
    JSON.stringify([registryId, month, configHash, keys.get(registryId), version]);
  let unread: ReadonlyMap<number, string> = keys;
  if (hold) {
    const versions = await listKeptMonthVersions(month, configHash, keys);
    for (const [registryId, version] of versions) {
      const held = decoded.get(heldAs(registryId, version));
      if (held) months.set(registryId, held.kept);
    }
    unread = new Map([...keys].filter(([registryId]) => versions.has(registryId) && !months.has(registryId)));
  }
  for (const [registryId, { body, version }] of await listKeptMonths(month, configHash, unread)) {
    const kept = decodeKeptRegistryMonth(body);
    if (kept === undefined) continue;
    months.set(registryId, kept);
    if (hold) decoded.set(heldAs(registryId, version), { kept });
  }
  const stale = inputs.filter((r) => !months.has(r.registryId));
  if (stale.length > 0) {
    const computed = await allocateMonth(params, config, { registryNames: [...new Set(stale.map((r) => r.name))] });
    const byId = new Map(computed.registries.map((r) => [r.record.registryId, toKept(r)]));
    const rows: KeptMonthRow[] = [];
    for (const { registryId } of stale) {
      const kept = byId.get(registryId) ?? null;
      months.set(registryId, kept);
      rows.push({ registryId, key: keys.get(registryId)!, body: encodeKeptRegistryMonth(kept) });
    }
    if (options.keep) await storeKeptMonths(month, configHash, rows);
  }
  const registries = inputs.flatMap((r) => {
    const kept = months.get(r.registryId);
    return kept ? [withBill(kept, billed, pricing, options.scaleToBilled === true)] : [];
  });
  return { month, pricing, registries, billedImported: billed.size > 0 };
}

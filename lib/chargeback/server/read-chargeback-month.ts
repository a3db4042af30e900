/**
 * A chargeback month as every view reads it: each registry's allocation kept in
 * kept_chargeback_months when its key still matches (listMonthInputs: the registry's row,
 * snapshots and task runs of the month; plus the pricing, the covered end and the codec's format;
 * the row is per ownership config), else allocated here by allocateMonth (that registry alone) and,
 * with `keep`, kept. The bills imported for the month are applied on every read, so an import
 * never leaves a row stale. The figures are allocateMonth's to the micro: only their speed varies.
 * No "server-only" guard: the sync keeps months from its CLI and workers too.
 */
import { createHash } from "node:crypto";
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
import { listKeptMonths, storeKeptMonths, type KeptMonthRow } from "./kept-months-store";
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
  for (const [registryId, body] of await listKeptMonths(month, configHash, keys)) {
    const kept = decodeKeptRegistryMonth(body);
    if (kept !== undefined) months.set(registryId, kept);
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

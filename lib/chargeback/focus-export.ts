/**
 * The chargeback month as a FOCUS 1.3 cost-and-usage dataset: one allocated charge per team ×
 * registry × cost kind. The origin charge is the cost model's line of a registry-month and cost
 * kind (or its share of the imported bill); its allocated charges are split from it with the
 * documented chargeback rules (AllocatedMethodId), and add up to it exactly in every metric:
 * BilledCost = EffectiveCost (the allocated amount), ListCost = ContractedCost (the allocation of
 * the estimate: no negotiated pricing terms are known), PricingQuantity = ConsumedQuantity (the
 * line's quantity split by the estimate, largest remainder on 10⁻⁹).
 * - AllocatedMethodDetails {"Elements":[{"AllocatedRatio":r}]}: r is the charge's share of the
 *   origin's amount, 12 decimals by largest remainder, so the ratios of one origin sum to exactly
 *   1. Ratios and quantities are split over every team's line of the origin (context.allLines), so
 *   a team-scoped dataset's rows are the very rows of the whole one.
 * - The unallocated portion (team "unallocated") has no AllocatedResourceId/Name (the spec's
 *   rule for it), but keeps its method, details and tags.
 * - Provider, publisher, service provider, host provider and invoice issuer are Microsoft; the
 *   billing account is the subscription (pay-as-you-go Azure bills by subscription, and the
 *   ledger knows no other billing scope), named by its display name when synced.
 * Null is an empty cell. Columns: the 23 the report always had, in their order, with the FOCUS
 * columns added before the x_ ones.
 */
import { formatMoney, formatRational, roundDiv } from "../costs/money";
import { fraction } from "../costs/rational";
import type { CostKind, Micros } from "../costs/types";
import { addDays, firstDayOf, shiftMonth } from "../calendar";
import { UNALLOCATED } from "./config";
import { regionName } from "./region-names";
import { largestRemainder } from "./remainder";

export const FOCUS_VERSION = "1.3";

export const CHARGEBACK_COLUMNS = [
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "BillingCurrency",
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "ChargeCategory",
  "ChargeDescription",
  "ServiceName",
  "ServiceCategory",
  "ResourceId",
  "ResourceName",
  "ResourceType",
  "RegionId",
  "SubAccountId",
  "SkuMeter",
  "AllocatedMethodId",
  "AllocatedResourceName",
  // The 21 columns above keep the places they always had (scripts read them by position); the
  // FOCUS columns added later follow, and the x_ columns close the row as FOCUS asks.
  "AllocatedTags",
  "AllocatedMethodDetails",
  "AllocatedResourceId",
  "BillingAccountId",
  "BillingAccountName",
  "ChargeClass",
  "ChargeFrequency",
  "ConsumedQuantity",
  "ConsumedUnit",
  "ContractedCost",
  "HostProviderName",
  "InvoiceIssuerName",
  "PricingQuantity",
  "PricingUnit",
  "ProviderName",
  "PublisherName",
  "RegionName",
  "ServiceProviderName",
  "SkuId",
  "SkuPriceId",
  "SubAccountName",
  "x_Team",
  "x_CostCenter",
] as const;

export type ChargebackColumn = (typeof CHARGEBACK_COLUMNS)[number];
export type FocusExportRow = Record<ChargebackColumn, string | null>;

export const CHARGEBACK_NUMERIC_COLUMNS = [
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "ContractedCost",
  "PricingQuantity",
  "ConsumedQuantity",
] as const satisfies readonly ChargebackColumn[];

/** The FOCUS unit (UnitFormat: plural base units, hyphen for compounds) of each cost kind's quantity. */
export const FOCUS_PRICING_UNITS: Record<CostKind, string> = {
  unit: "Days",
  storage: "GiB-Months",
  replication_unit: "Days",
  replication_storage: "GiB-Months",
  tasks: "vCPU-Seconds",
};

/** What a line of the chargeback review carries (ChargebackLine's fields this export reads). */
export type FocusLine = {
  team: string;
  costCenter: string;
  registry: string;
  subscriptionId: string;
  resourceId: string;
  location: string;
  kind: CostKind;
  method: string;
  micros: string;
  estimatedMicros: string;
};

export type FocusMonth = { month: string; coveredUntil: string; currency: string; lines: readonly FocusLine[] };

/** The cost model's line of a registry-month and kind: its quantity (a decimal) and cost, and the registry's SKU. */
export type OriginUsage = { sku: string; quantity: string; costMicros: Micros };

export type FocusContext = {
  /** Every team's lines of the month (the whole review, whatever the dataset's access): the origins' splits. */
  allLines: readonly FocusLine[];
  /** By originKey(resourceId, kind). */
  usage: ReadonlyMap<string, OriginUsage>;
  /** Subscription GUID → display name (absent: the GUID names it). */
  subscriptionNames: ReadonlyMap<string, string>;
};

export const originKey = (resourceId: string, kind: CostKind) => `${resourceId.toLowerCase()}\n${kind}`;
const lineKey = (line: FocusLine) => `${originKey(line.resourceId, line.kind)}\n${line.team}`;

const RATIO_DECIMALS = 12;
const QUANTITY_DECIMALS = 9;
const MICROSOFT = "Microsoft";

const instant = (day: string) => `${day}T00:00:00Z`;

/** "12.5" → 12500000000n at 9 decimals; a quantity is never negative nor finer than 10⁻⁹ (formatRational). */
function toScaled(decimal: string, decimals: number): bigint {
  const [whole, rest = ""] = decimal.split(".");
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(rest.slice(0, decimals).padEnd(decimals, "0"));
}

/** Splits `total` units by non-negative weights, exactly; no positive weight: evenly. */
function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((s, w) => s + (w > 0n ? w : 0n), 0n);
  const shares = weights.map((w, key) =>
    sum > 0n
      ? { key, share: fraction((w > 0n ? w : 0n) * total, sum) }
      : { key, share: fraction(total, BigInt(weights.length)) },
  );
  return largestRemainder(total, shares).map((part) => part.micros);
}

/** Each line's AllocatedRatio (12 decimals) and quantity (9 decimals), by lineKey. */
function splitOrigins(lines: readonly FocusLine[], usage: FocusContext["usage"]) {
  const groups = new Map<string, FocusLine[]>();
  for (const line of lines) {
    const key = originKey(line.resourceId, line.kind);
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  const ratios = new Map<string, string>();
  const quantities = new Map<string, string>();
  const one = 10n ** BigInt(RATIO_DECIMALS);
  for (const [key, group] of groups) {
    apportion(
      one,
      group.map((l) => BigInt(l.micros)),
    ).forEach((units, j) => ratios.set(lineKey(group[j]), formatRational(units, one, RATIO_DECIMALS)));
    const origin = usage.get(key);
    if (origin === undefined) continue;
    const estimates = group.map((l) => BigInt(l.estimatedMicros));
    // The lines' estimates sum to the origin's cost; a registry whose lines were not all given gets its lines' part.
    const shown = estimates.reduce((s, e) => s + e, 0n);
    const originUnits = toScaled(origin.quantity, QUANTITY_DECIMALS);
    const units = origin.costMicros > 0n ? roundDiv(originUnits * shown, origin.costMicros) : 0n;
    apportion(units, estimates).forEach((part, j) =>
      quantities.set(lineKey(group[j]), formatRational(part, 10n ** BigInt(QUANTITY_DECIMALS), QUANTITY_DECIMALS)),
    );
  }
  return { ratios, quantities };
}

export function* focusRows(review: FocusMonth, context: FocusContext): Generator<FocusExportRow> {
  const billingStart = instant(firstDayOf(review.month));
  const billingEnd = instant(firstDayOf(shiftMonth(review.month, 1)));
  const chargeEnd = instant(addDays(review.coveredUntil, 1));
  const { ratios, quantities } = splitOrigins(context.allLines, context.usage);
  for (const line of review.lines) {
    const amount = formatMoney(BigInt(line.micros), 6);
    const listCost = formatMoney(BigInt(line.estimatedMicros), 6);
    const origin = context.usage.get(originKey(line.resourceId, line.kind));
    const skuId = origin === undefined ? null : `ContainerRegistry.${origin.sku}`;
    const quantity = quantities.get(lineKey(line)) ?? null;
    const unit = quantity === null ? null : FOCUS_PRICING_UNITS[line.kind];
    const subscriptionName = context.subscriptionNames.get(line.subscriptionId) ?? line.subscriptionId;
    const allocated = line.team !== UNALLOCATED;
    yield {
      BillingPeriodStart: billingStart,
      BillingPeriodEnd: billingEnd,
      ChargePeriodStart: billingStart,
      ChargePeriodEnd: chargeEnd,
      BillingCurrency: review.currency,
      BilledCost: amount,
      EffectiveCost: amount,
      ListCost: listCost,
      ChargeCategory: "Usage",
      // The origin charge's description: allocated charges keep every dimension of their origin.
      ChargeDescription: `Container Registry ${line.kind} of ${line.registry}`,
      ServiceName: "Container Registry",
      ServiceCategory: "Storage",
      ResourceId: line.resourceId,
      ResourceName: line.registry,
      ResourceType: "Microsoft.ContainerRegistry/registries",
      RegionId: line.location,
      SubAccountId: line.subscriptionId,
      SkuMeter: line.kind,
      AllocatedMethodId: line.method,
      AllocatedResourceName: allocated ? line.team : null,
      // Built as text: the ratio is an exact decimal, which a JSON number written from a float would not keep.
      AllocatedMethodDetails: `{"Elements":[{"AllocatedRatio":${ratios.get(lineKey(line)) ?? "1"}}]}`,
      AllocatedResourceId: allocated ? `teams/${line.team}` : null,
      BillingAccountId: `/subscriptions/${line.subscriptionId}`,
      BillingAccountName: subscriptionName,
      ChargeClass: null,
      ChargeFrequency: "Usage-Based",
      ConsumedQuantity: quantity,
      ConsumedUnit: unit,
      ContractedCost: listCost,
      HostProviderName: MICROSOFT,
      InvoiceIssuerName: MICROSOFT,
      PricingQuantity: quantity,
      PricingUnit: unit,
      ProviderName: MICROSOFT,
      PublisherName: MICROSOFT,
      RegionName: regionName(line.location),
      ServiceProviderName: MICROSOFT,
      SkuId: skuId,
      SkuPriceId: skuId === null ? null : `${skuId}/${line.location}/${line.kind}`,
      SubAccountName: subscriptionName,
      AllocatedTags: JSON.stringify({ team: line.team, costCenter: line.costCenter }),
      x_Team: line.team,
      x_CostCenter: line.costCenter,
    };
  }
}

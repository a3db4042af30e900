/**
 * The FOCUS 1.3 rules the chargeback dataset is checked against, in one list (FOCUS_RULES), each
 * read from the specification's text (columns' "Requirements" and the attributes DateTimeFormat,
 * NumericFormat, CurrencyFormat, KeyValueFormat, JsonObjectFormat, UnitFormat, custom columns and
 * split cost allocation). A dataset is its header and its records as CSV text, a null being an
 * empty cell. focusViolations → one message per broken rule, naming the first offending row
 * (data rows count from 1); [] when the dataset conforms.
 */
import { add, fraction, ZERO, type Fraction } from "../costs/rational";

export type FocusRecord = Readonly<Record<string, string>>;
export type FocusDataset = { header: readonly string[]; records: readonly FocusRecord[] };
export type FocusRule = { id: string; rule: string; check: (dataset: FocusDataset) => string | null };

/** Cost and Usage columns of FOCUS 1.3 whose feature level is Mandatory (ProviderName and PublisherName deprecated in 1.3, still Mandatory). */
export const FOCUS_MANDATORY_COLUMNS = [
  "BilledCost",
  "BillingAccountId",
  "BillingAccountName",
  "BillingCurrency",
  "BillingPeriodEnd",
  "BillingPeriodStart",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "ContractedCost",
  "EffectiveCost",
  "HostProviderName",
  "InvoiceIssuerName",
  "ListCost",
  "PricingQuantity",
  "PricingUnit",
  "ProviderName",
  "PublisherName",
  "ServiceCategory",
  "ServiceName",
  "ServiceProviderName",
] as const;

/** Present when the data generator splits costs (Provider-calculated split cost allocation). */
export const FOCUS_ALLOCATION_COLUMNS = [
  "AllocatedMethodId",
  "AllocatedMethodDetails",
  "AllocatedResourceId",
  "AllocatedResourceName",
  "AllocatedTags",
] as const;

/** Every column FOCUS 1.3 defines (the rest of a dataset must be x_ custom columns). */
const FOCUS_COLUMNS = new Set<string>([
  ...FOCUS_MANDATORY_COLUMNS,
  ...FOCUS_ALLOCATION_COLUMNS,
  ...[
    "AvailabilityZone",
    "BillingAccountType",
    "CapacityReservationId",
    "CapacityReservationStatus",
    "ChargeFrequency",
    "CommitmentDiscountCategory",
    "CommitmentDiscountId",
    "CommitmentDiscountName",
    "CommitmentDiscountQuantity",
    "CommitmentDiscountStatus",
    "CommitmentDiscountType",
    "CommitmentDiscountUnit",
    "ConsumedQuantity",
    "ConsumedUnit",
    "ContractApplied",
    "ContractedUnitPrice",
    "InvoiceId",
    "ListUnitPrice",
    "PricingCategory",
    "PricingCurrency",
    "PricingCurrencyContractedUnitPrice",
    "PricingCurrencyEffectiveCost",
    "PricingCurrencyListUnitPrice",
    "RegionId",
    "RegionName",
    "ResourceId",
    "ResourceName",
    "ResourceType",
    "ServiceSubcategory",
    "SkuId",
    "SkuMeter",
    "SkuPriceDetails",
    "SkuPriceId",
    "SubAccountId",
    "SubAccountName",
    "SubAccountType",
    "Tags",
  ],
]);

const NOT_NULL = [
  "BilledCost",
  "BillingAccountId",
  "BillingAccountName",
  "BillingCurrency",
  "BillingPeriodEnd",
  "BillingPeriodStart",
  "ChargeCategory",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "ContractedCost",
  "EffectiveCost",
  "HostProviderName",
  "InvoiceIssuerName",
  "ListCost",
  "ProviderName",
  "PublisherName",
  "ServiceCategory",
  "ServiceName",
  "ServiceProviderName",
] as const;
const DATE_TIME_COLUMNS = ["BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"] as const;
const DECIMAL_COLUMNS = [
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "ContractedCost",
  "PricingQuantity",
  "ConsumedQuantity",
] as const;
const METRIC_COLUMNS = new Set<string>([...DECIMAL_COLUMNS]);
const CHARGE_CATEGORIES = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"];
const CHARGE_FREQUENCIES = ["One-Time", "Recurring", "Usage-Based"];
const SERVICE_CATEGORIES = [
  "AI and Machine Learning",
  "Analytics",
  "Business Applications",
  "Compute",
  "Databases",
  "Developer Tools",
  "Multicloud",
  "Identity",
  "Integration",
  "Internet of Things",
  "Management and Governance",
  "Media",
  "Migration",
  "Mobile",
  "Networking",
  "Security",
  "Storage",
  "Web",
  "Other",
];

/** 'YYYY-MM-DDTHH:mm:ssZ', a real calendar instant. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
/** NumericFormat: an integer or a decimal; no sign for a positive value, no exponent, no comma. */
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** UnitFormat: an optional unit quantity, then base units joined by "-" (compound) or "/" (ratio). */
const UNIT = /^(\d+ )?[A-Za-z]+(-[A-Za-z]+)?(\/(\d+ )?[A-Za-z]+)?$/;
const ISO_4217 = new Set(Intl.supportedValuesOf("currency"));

const isNull = (value: string | undefined) => value === undefined || value === "";

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

function parseJsonObject(value: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** "0.125" → 1/8, exactly (JSON numbers are read from their text, never through a float). */
function decimalFraction(text: string): Fraction | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const decimals = match[2] ?? "";
  return fraction(BigInt(`${match[1]}${decimals}`), 10n ** BigInt(decimals.length));
}

/** The AllocatedRatio texts of an AllocatedMethodDetails cell, as written (not through a float). */
function ratioTexts(details: string): string[] {
  return [...details.matchAll(/"AllocatedRatio"\s*:\s*([^,}\s]+)/g)].map((m) => m[1]);
}

/** A split row: an allocated charge of a data generator-calculated split cost allocation. */
const isSplit = (r: FocusRecord) =>
  !isNull(r.AllocatedMethodId) || !isNull(r.AllocatedMethodDetails) || !isNull(r.AllocatedResourceId);

/** The origin charge an allocated charge was split from: the same resource, SKU price, meter and periods. */
const originOf = (r: FocusRecord) =>
  [
    r.ResourceId,
    r.SkuPriceId,
    r.SkuMeter,
    r.ChargeCategory,
    r.ChargeClass,
    r.BillingPeriodStart,
    r.ChargePeriodStart,
    r.ChargePeriodEnd,
  ].join("\n");

/** The first record (1-based) for which `broken` returns a message, as "row N: message". */
function firstRow(records: readonly FocusRecord[], broken: (r: FocusRecord) => string | null): string | null {
  for (const [i, record] of records.entries()) {
    const message = broken(record);
    if (message !== null) return `row ${i + 1}: ${message}`;
  }
  return null;
}

const nullTogether = (a: string, b: string) => (r: FocusRecord) =>
  isNull(r[a]) !== isNull(r[b]) ? `${a} ${JSON.stringify(r[a] ?? "")} but ${b} ${JSON.stringify(r[b] ?? "")}` : null;

const usageOrPurchase = (r: FocusRecord) =>
  (r.ChargeCategory === "Usage" || r.ChargeCategory === "Purchase") && r.ChargeClass !== "Correction";

export const FOCUS_RULES: readonly FocusRule[] = [
  {
    id: "mandatory-columns",
    rule: "Every Mandatory column of FOCUS 1.3 is present",
    check: ({ header }) => {
      const missing = FOCUS_MANDATORY_COLUMNS.filter((c) => !header.includes(c));
      return missing.length === 0 ? null : `missing ${missing.join(", ")}`;
    },
  },
  {
    id: "allocation-columns",
    rule: "A dataset with split cost allocation has AllocatedMethodId, AllocatedMethodDetails, AllocatedResourceId, AllocatedResourceName and AllocatedTags",
    check: ({ header }) => {
      const missing = FOCUS_ALLOCATION_COLUMNS.filter((c) => !header.includes(c));
      return missing.length === 0 ? null : `missing ${missing.join(", ")}`;
    },
  },
  {
    id: "custom-columns",
    rule: "A column FOCUS does not define is prefixed x_, and comes after every FOCUS column",
    check: ({ header }) => {
      const unknown = header.find((c) => !FOCUS_COLUMNS.has(c) && !c.startsWith("x_"));
      if (unknown !== undefined) return `${unknown} is neither a FOCUS column nor prefixed x_`;
      const firstCustom = header.findIndex((c) => c.startsWith("x_"));
      const late = firstCustom < 0 ? undefined : header.slice(firstCustom).find((c) => !c.startsWith("x_"));
      return late === undefined ? null : `FOCUS column ${late} comes after custom column ${header[firstCustom]}`;
    },
  },
  {
    id: "not-null",
    rule: `${NOT_NULL.join(", ")} are never null`,
    check: ({ records }) =>
      firstRow(records, (r) => {
        const empty = NOT_NULL.find((c) => isNull(r[c]));
        return empty === undefined ? null : `${empty} is null`;
      }),
  },
  {
    id: "date-time-format",
    rule: "Period columns are ISO 8601 UTC instants 'YYYY-MM-DDTHH:mm:ssZ'",
    check: ({ records }) =>
      firstRow(records, (r) => {
        const bad = DATE_TIME_COLUMNS.find((c) => !isDateTime(r[c] ?? ""));
        return bad === undefined ? null : `${bad} ${JSON.stringify(r[bad] ?? "")} is not 'YYYY-MM-DDTHH:mm:ssZ'`;
      }),
  },
  {
    id: "exclusive-period-ends",
    rule: "BillingPeriodEnd and ChargePeriodEnd are exclusive end bounds: after their start, and the charge period lies within the billing period",
    check: ({ records }) =>
      firstRow(records, (r) => {
        if (!(r.BillingPeriodStart < r.BillingPeriodEnd)) return "BillingPeriodEnd is not after BillingPeriodStart";
        if (!(r.ChargePeriodStart < r.ChargePeriodEnd)) return "ChargePeriodEnd is not after ChargePeriodStart";
        return r.ChargePeriodStart < r.BillingPeriodStart || r.ChargePeriodEnd > r.BillingPeriodEnd
          ? "the charge period is outside the billing period"
          : null;
      }),
  },
  {
    id: "numeric-format",
    rule: `${DECIMAL_COLUMNS.join(", ")} are plain decimals (no exponent, sign for positives, comma or unit) when not null`,
    check: ({ records }) =>
      firstRow(records, (r) => {
        const bad = DECIMAL_COLUMNS.find((c) => !isNull(r[c]) && !DECIMAL.test(r[c]));
        return bad === undefined ? null : `${bad} ${JSON.stringify(r[bad])} is not a plain decimal`;
      }),
  },
  {
    id: "currency-code",
    rule: "BillingCurrency is an ISO 4217 currency code",
    check: ({ records }) =>
      firstRow(records, (r) =>
        ISO_4217.has(r.BillingCurrency ?? "")
          ? null
          : `BillingCurrency ${JSON.stringify(r.BillingCurrency ?? "")} is not ISO 4217`,
      ),
  },
  {
    id: "charge-category",
    rule: `ChargeCategory is one of ${CHARGE_CATEGORIES.join(", ")}`,
    check: ({ records }) =>
      firstRow(records, (r) =>
        CHARGE_CATEGORIES.includes(r.ChargeCategory) ? null : `ChargeCategory ${JSON.stringify(r.ChargeCategory)}`,
      ),
  },
  {
    id: "charge-class",
    rule: 'ChargeClass is null or "Correction"',
    check: ({ records }) =>
      firstRow(records, (r) =>
        isNull(r.ChargeClass) || r.ChargeClass === "Correction" ? null : `ChargeClass ${JSON.stringify(r.ChargeClass)}`,
      ),
  },
  {
    id: "service-category",
    rule: "ServiceCategory is one of the 1.3 allowed values",
    check: ({ records }) =>
      firstRow(records, (r) =>
        SERVICE_CATEGORIES.includes(r.ServiceCategory) ? null : `ServiceCategory ${JSON.stringify(r.ServiceCategory)}`,
      ),
  },
  {
    id: "charge-frequency",
    rule: `ChargeFrequency, when present, is one of ${CHARGE_FREQUENCIES.join(", ")}`,
    check: ({ header, records }) =>
      !header.includes("ChargeFrequency")
        ? null
        : firstRow(records, (r) =>
            CHARGE_FREQUENCIES.includes(r.ChargeFrequency)
              ? null
              : `ChargeFrequency ${JSON.stringify(r.ChargeFrequency)}`,
          ),
  },
  {
    id: "sku-price-id",
    rule: 'SkuPriceId is not null for "Usage" and "Purchase" charges that are not corrections, and has one parent SkuId',
    check: ({ records }) => {
      const parents = new Map<string, string>();
      return firstRow(records, (r) => {
        if (usageOrPurchase(r) && isNull(r.SkuPriceId)) return `SkuPriceId is null for a ${r.ChargeCategory} charge`;
        if (isNull(r.SkuPriceId)) return null;
        const parent = parents.get(r.SkuPriceId) ?? r.SkuId;
        parents.set(r.SkuPriceId, parent);
        return parent === r.SkuId && !isNull(r.SkuId)
          ? null
          : `SkuPriceId ${r.SkuPriceId} has SkuIds ${parent}, ${r.SkuId}`;
      });
    },
  },
  {
    id: "pricing-quantity",
    rule: 'PricingQuantity is not null for "Usage" and "Purchase" charges that are not corrections, and null when SkuPriceId is null or the charge is "Tax"',
    check: ({ records }) =>
      firstRow(records, (r) => {
        if (usageOrPurchase(r) && isNull(r.PricingQuantity))
          return `PricingQuantity is null for a ${r.ChargeCategory} charge`;
        if ((isNull(r.SkuPriceId) || r.ChargeCategory === "Tax") && !isNull(r.PricingQuantity))
          return "PricingQuantity is set without a SkuPriceId or on a tax";
        return null;
      }),
  },
  {
    id: "pricing-unit",
    rule: "PricingUnit is null exactly when PricingQuantity is, and follows UnitFormat",
    check: ({ records }) =>
      firstRow(
        records,
        (r) =>
          nullTogether("PricingQuantity", "PricingUnit")(r) ??
          (isNull(r.PricingUnit) || UNIT.test(r.PricingUnit) ? null : `PricingUnit ${JSON.stringify(r.PricingUnit)}`),
      ),
  },
  {
    id: "consumed-quantity",
    rule: 'ConsumedQuantity and ConsumedUnit, when present, are null together, and set on "Usage" charges that are not corrections only',
    check: ({ header, records }) =>
      !header.includes("ConsumedQuantity")
        ? null
        : firstRow(records, (r) => {
            const together = nullTogether("ConsumedQuantity", "ConsumedUnit")(r);
            if (together !== null) return together;
            const usage = r.ChargeCategory === "Usage" && r.ChargeClass !== "Correction";
            if (usage && isNull(r.ConsumedQuantity)) return "ConsumedQuantity is null on a Usage charge";
            return !usage && !isNull(r.ConsumedQuantity) ? `ConsumedQuantity on a ${r.ChargeCategory} charge` : null;
          }),
  },
  {
    id: "contracted-cost",
    rule: "ContractedCost equals ListCost when no negotiated pricing terms apply (this dataset applies none), and BilledCost on credits",
    check: ({ records }) =>
      firstRow(records, (r) => {
        const expected = r.ChargeCategory === "Credit" ? "BilledCost" : "ListCost";
        return r.ChargeCategory === "Tax" || r.ContractedCost === r[expected]
          ? null
          : `ContractedCost ${r.ContractedCost} is not ${expected} ${r[expected]}`;
      }),
  },
  {
    id: "region-name",
    rule: "RegionName is null exactly when RegionId is",
    check: ({ records }) => firstRow(records, nullTogether("RegionId", "RegionName")),
  },
  {
    id: "sub-account-name",
    rule: "SubAccountName is null exactly when SubAccountId is",
    check: ({ records }) => firstRow(records, nullTogether("SubAccountId", "SubAccountName")),
  },
  {
    id: "allocated-resource-name",
    rule: "AllocatedResourceName is null exactly when AllocatedResourceId is",
    check: ({ records }) => firstRow(records, nullTogether("AllocatedResourceId", "AllocatedResourceName")),
  },
  {
    id: "allocated-method-id",
    rule: "AllocatedMethodId is not null on an allocated charge (one with AllocatedMethodDetails or AllocatedResourceId)",
    check: ({ records }) =>
      firstRow(records, (r) =>
        isNull(r.AllocatedMethodId) && isSplit(r) ? "an allocated charge without AllocatedMethodId" : null,
      ),
  },
  {
    id: "allocated-method-details",
    rule: "AllocatedMethodDetails is null on a charge that is not split, and otherwise a JSON object whose Elements array holds objects with a numeric AllocatedRatio (and a UsageUnit with any UsageQuantity)",
    check: ({ records }) =>
      firstRow(records, (r) => {
        if (isNull(r.AllocatedMethodDetails))
          return isNull(r.AllocatedMethodId) ? null : "AllocatedMethodDetails is null";
        if (isNull(r.AllocatedMethodId)) return "AllocatedMethodDetails on a charge that is not split";
        const elements = parseJsonObject(r.AllocatedMethodDetails)?.Elements;
        if (!Array.isArray(elements) || elements.length === 0) return "AllocatedMethodDetails has no Elements array";
        const bad = elements.find(
          (e: unknown) =>
            typeof e !== "object" ||
            e === null ||
            typeof (e as Record<string, unknown>).AllocatedRatio !== "number" ||
            ("UsageQuantity" in e && typeof (e as Record<string, unknown>).UsageUnit !== "string"),
        );
        return bad === undefined ? null : `AllocatedMethodDetails element ${JSON.stringify(bad)}`;
      }),
  },
  {
    id: "allocated-ratios",
    rule: "The AllocatedRatio of the allocated charges of one origin charge sum to exactly 1",
    check: ({ records }) => {
      const sums = new Map<string, { sum: Fraction; row: number }>();
      for (const [i, r] of records.entries()) {
        if (isNull(r.AllocatedMethodDetails)) continue;
        const key = originOf(r);
        let sum = sums.get(key)?.sum ?? ZERO;
        for (const text of ratioTexts(r.AllocatedMethodDetails)) {
          const ratio = decimalFraction(text);
          if (ratio === null) return `row ${i + 1}: AllocatedRatio ${text} is not a decimal between 0 and 1`;
          sum = add(sum, ratio);
        }
        sums.set(key, { sum, row: sums.get(key)?.row ?? i + 1 });
      }
      for (const { sum, row } of sums.values())
        if (sum.numerator !== sum.denominator)
          return `row ${row}: the ratios of its origin charge sum to ${sum.numerator}/${sum.denominator}, not 1`;
      return null;
    },
  },
  {
    id: "allocated-tags",
    rule: "AllocatedTags is null on a charge that is not split, and otherwise a flat JSON object of string (or true) values",
    check: ({ records }) =>
      firstRow(records, (r) => {
        if (isNull(r.AllocatedTags)) return null;
        if (!isSplit(r)) return "AllocatedTags on a charge that is not split";
        const tags = parseJsonObject(r.AllocatedTags);
        if (tags === null) return `AllocatedTags ${JSON.stringify(r.AllocatedTags)} is not a JSON object`;
        const bad = Object.entries(tags).find(([, v]) => typeof v !== "string" && v !== true);
        return bad === undefined ? null : `AllocatedTags ${bad[0]} is ${JSON.stringify(bad[1])}`;
      }),
  },
  {
    id: "origin-dimensions",
    rule: "The allocated charges of one origin charge agree on every FOCUS dimension but the Allocated* columns",
    check: ({ header, records }) => {
      const dimensions = header.filter(
        (c) => FOCUS_COLUMNS.has(c) && !METRIC_COLUMNS.has(c) && !c.startsWith("Allocated"),
      );
      const first = new Map<string, FocusRecord>();
      return firstRow(records, (r) => {
        const origin = first.get(originOf(r)) ?? r;
        first.set(originOf(r), origin);
        const differing = dimensions.find((c) => (origin[c] ?? "") !== (r[c] ?? ""));
        return differing === undefined ? null : `${differing} differs from its origin charge's other rows`;
      });
    },
  },
];

export function focusViolations(dataset: FocusDataset): string[] {
  return FOCUS_RULES.flatMap((rule) => {
    const message = rule.check(dataset);
    return message === null ? [] : [`${rule.id}: ${message}`];
  });
}

/**
 * The FOCUS 1.3 rules (focus-conformance.ts), one assertion per rule: the export of a month
 * (focus-export.ts) breaks none, and a dataset breaking each rule is caught by that rule.
 */
import { describe, expect, it } from "vitest";
import { CHARGEBACK_COLUMNS, focusRows, originKey, type FocusContext, type FocusLine } from "./focus-export";
import { FOCUS_MANDATORY_COLUMNS, FOCUS_RULES, focusViolations, type FocusRecord } from "./focus-conformance";

const SUB = "00000000-0000-0000-0000-000000000001";
const ALPHA = `/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.containerregistry/registries/alpha`;
const BETA = `/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.containerregistry/registries/beta`;

function line(team: string, resourceId: string, kind: FocusLine["kind"], micros: bigint, method = "proportional") {
  return {
    team,
    costCenter: team === "unallocated" ? "" : `CC-${team}`,
    registry: resourceId.split("/").at(-1)!,
    subscriptionId: SUB,
    resourceId,
    location: "westeurope",
    kind,
    method,
    micros: micros.toString(),
    estimatedMicros: micros.toString(),
  } satisfies FocusLine;
}

// Storage of alpha split three ways in thirds that do not divide evenly; beta's fee to one team.
const LINES: FocusLine[] = [
  line("identity", ALPHA, "storage", 1_000_001n, "attributed-bytes"),
  line("payments", ALPHA, "storage", 1_000_000n, "attributed-bytes"),
  line("unallocated", ALPHA, "storage", 1_000_000n, "attributed-bytes"),
  line("payments", ALPHA, "unit", 5_000_000n),
  line("payments", BETA, "unit", 5_000_000n, "owner"),
];

const CONTEXT: FocusContext = {
  allLines: LINES,
  usage: new Map([
    [originKey(ALPHA, "storage"), { sku: "Premium", quantity: "3.333333333", costMicros: 3_000_001n }],
    [originKey(ALPHA, "unit"), { sku: "Premium", quantity: "30", costMicros: 5_000_000n }],
    [originKey(BETA, "unit"), { sku: "Basic", quantity: "12", costMicros: 5_000_000n }],
  ]),
  subscriptionNames: new Map([[SUB, "Production"]]),
};

const MONTH = { month: "2026-11", coveredUntil: "2026-11-30", currency: "USD", lines: LINES };

function exported(): FocusRecord[] {
  return [...focusRows(MONTH, CONTEXT)].map((row) =>
    Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value ?? ""])),
  );
}

const HEADER = [...CHARGEBACK_COLUMNS];

/** The dataset with record `row` (0-based) changed. */
function withRow(row: number, change: Record<string, string>) {
  return { header: HEADER, records: exported().map((r, i) => (i === row ? { ...r, ...change } : r)) };
}

function brokenRules(dataset: { header: readonly string[]; records: readonly FocusRecord[] }): string[] {
  return focusViolations(dataset).map((message) => message.split(":")[0]);
}

describe("the chargeback export against the FOCUS 1.3 rules", () => {
  it("breaks none of them", () => {
    expect(focusViolations({ header: HEADER, records: exported() })).toEqual([]);
  });

  it("keeps the 23 original columns in their order, the FOCUS columns before the x_ ones", () => {
    const original = [
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
      "AllocatedTags",
      "x_Team",
      "x_CostCenter",
    ];
    expect(HEADER.filter((c) => original.includes(c))).toEqual(original);
    // The first 21 keep their positions; only x_Team and x_CostCenter moved, to the end.
    expect(HEADER.slice(0, 21)).toEqual(original.slice(0, 21));
    expect(HEADER.slice(-2)).toEqual(["x_Team", "x_CostCenter"]);
    for (const column of FOCUS_MANDATORY_COLUMNS) expect(HEADER, column).toContain(column);
  });

  it("splits each origin charge into ratios summing to 1 and quantities summing to the cost model's", () => {
    const rows = exported();
    // 1000001, 1000000 and 1000000 of 3000001: the one leftover 10⁻¹² goes to the largest remainder.
    expect(rows.slice(0, 3).map((r) => r.AllocatedMethodDetails)).toEqual(
      ["0.333333555556", "0.333333222222", "0.333333222222"].map(
        (ratio) => `{"Elements":[{"AllocatedRatio":${ratio}}]}`,
      ),
    );
    expect(rows.slice(0, 3).map((r) => r.PricingQuantity)).toEqual(["1.111111852", "1.111110741", "1.11111074"]);
    expect(rows[3]).toMatchObject({
      AllocatedMethodDetails: '{"Elements":[{"AllocatedRatio":1}]}',
      PricingQuantity: "30",
    });
    expect(rows[3]).toMatchObject({ PricingUnit: "Days", SkuId: "ContainerRegistry.Premium" });
    expect(rows[0]).toMatchObject({
      PricingUnit: "GiB-Months",
      SkuPriceId: "ContainerRegistry.Premium/westeurope/storage",
      BillingAccountId: `/subscriptions/${SUB}`,
      BillingAccountName: "Production",
      SubAccountName: "Production",
      RegionName: "West Europe",
      AllocatedResourceId: "teams/identity",
      AllocatedResourceName: "identity",
      ContractedCost: "1.000001",
      ChargePeriodEnd: "2026-12-01T00:00:00Z",
    });
    // The unallocated portion of an origin charge is allocated to no resource, but is still a split row.
    expect(rows[2]).toMatchObject({ AllocatedResourceId: "", AllocatedResourceName: "", x_Team: "unallocated" });
    expect(rows[2].AllocatedMethodId).toBe("attributed-bytes");
  });

  it("gives a team's dataset the very rows of the whole one, its ratios of the whole origin", () => {
    const payments = [...focusRows({ ...MONTH, lines: LINES.filter((l) => l.team === "payments") }, CONTEXT)];
    const whole = [...focusRows(MONTH, CONTEXT)];
    expect(payments).toEqual(whole.filter((r) => r.x_Team === "payments"));
    expect(payments[0].AllocatedMethodDetails).toBe('{"Elements":[{"AllocatedRatio":0.333333222222}]}');
  });

  it("has one assertion per rule, each catching a dataset that breaks it", () => {
    const without = (column: string) => ({
      header: HEADER.filter((c) => c !== column),
      records: exported().map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => c !== column))),
    });
    const breaking: Record<string, { header: readonly string[]; records: readonly FocusRecord[] }> = {
      "mandatory-columns": without("ContractedCost"),
      "allocation-columns": without("AllocatedMethodDetails"),
      "custom-columns": { header: [...HEADER, "Team"], records: exported() },
      "not-null": withRow(1, { InvoiceIssuerName: "" }),
      "date-time-format": withRow(1, { ChargePeriodStart: "2026-11-01" }),
      "exclusive-period-ends": withRow(1, { BillingPeriodEnd: "2026-11-01T00:00:00Z" }),
      "numeric-format": withRow(1, { BilledCost: "1.5E-05" }),
      "currency-code": withRow(1, { BillingCurrency: "usd" }),
      "charge-category": withRow(1, { ChargeCategory: "Storage" }),
      "charge-class": withRow(1, { ChargeClass: "Regular" }),
      "service-category": withRow(1, { ServiceCategory: "Containers" }),
      "charge-frequency": withRow(1, { ChargeFrequency: "Daily" }),
      "sku-price-id": withRow(1, { SkuId: "ContainerRegistry.Basic" }),
      "pricing-quantity": withRow(1, { PricingQuantity: "", PricingUnit: "" }),
      "pricing-unit": withRow(1, { PricingUnit: "" }),
      "consumed-quantity": withRow(1, { ConsumedUnit: "" }),
      "contracted-cost": withRow(1, { ContractedCost: "0.5" }),
      "region-name": withRow(1, { RegionName: "" }),
      "sub-account-name": withRow(1, { SubAccountName: "" }),
      "allocated-resource-name": withRow(1, { AllocatedResourceName: "" }),
      "allocated-method-id": withRow(1, { AllocatedMethodId: "" }),
      "allocated-method-details": withRow(3, { AllocatedMethodDetails: '{"Elements":[{"AllocatedRatio":"1"}]}' }),
      "allocated-ratios": withRow(1, { AllocatedMethodDetails: '{"Elements":[{"AllocatedRatio":0.333333277777}]}' }),
      "allocated-tags": withRow(1, { AllocatedTags: '{"team":["payments"]}' }),
      "origin-dimensions": withRow(1, { ChargeDescription: "Container Registry storage allocated to payments" }),
    };
    expect(Object.keys(breaking).sort()).toEqual(FOCUS_RULES.map((r) => r.id).sort());
    for (const [id, dataset] of Object.entries(breaking)) expect(brokenRules(dataset), id).toContain(id);
  });
});

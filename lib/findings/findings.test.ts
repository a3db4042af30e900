import { describe, expect, it } from "vitest";
import defaults from "../costs/default-pricing.json" with { type: "json" };
import { evaluateFindings, type RegistryFacts } from "./findings";
import { buildPricing } from "../costs/pricing";

const GIB = 1n << 30n;
const input = { pricing: buildPricing(defaults), month: "2026-04", today: "2026-04-15" }; // April: 30 days

/** A Standard registry that deserves no finding. */
const clean: RegistryFacts = {
  name: "acme",
  sku: "Standard",
  location: "eastus",
  adminUserEnabled: false,
  publicNetworkAccess: "Disabled",
  networkRuleDefaultAction: "Deny",
  networkRuleIpCount: 0,
  anonymousPullEnabled: false,
  privateEndpointCount: 1,
  zoneRedundancy: "Disabled",
  retentionPolicyStatus: "disabled",
  replicaLocations: [],
  storedBytes: 150n * GIB,
  lastPushAt: new Date("2026-04-14T12:00:00Z"),
};
const evaluate = (changes: Partial<RegistryFacts>) => evaluateFindings({ ...clean, ...changes }, input);
const codes = (changes: Partial<RegistryFacts>) => evaluate(changes).map((f) => f.code);
const find = (changes: Partial<RegistryFacts>, code: string) => evaluate(changes).find((f) => f.code === code);

describe("evaluateFindings", () => {
  it("finds nothing on a well-kept registry", () => {
    expect(evaluate({})).toEqual([]);
  });

  it("flags the admin user and anonymous pull", () => {
    expect(find({ adminUserEnabled: true }, "admin-user-enabled")).toMatchObject({
      registry: "acme",
      severity: "high",
      monthlySaving: null,
    });
    expect(find({ anonymousPullEnabled: true }, "anonymous-pull-enabled")).toMatchObject({
      severity: "medium",
      monthlySaving: null,
    });
  });

  it("flags public access only when no network rule restricts it", () => {
    const open = find({ publicNetworkAccess: "Enabled", networkRuleDefaultAction: "Allow" }, "public-network-open");
    expect(open).toMatchObject({ severity: "high", monthlySaving: null });
    expect(open?.evidence).toContain("publicNetworkAccess is Enabled, network rule default action Allow, 0 IP rules");
    expect(open?.evidence).toContain("need the Premium SKU (this registry is Standard)");
    expect(
      find({ publicNetworkAccess: null, networkRuleDefaultAction: null }, "public-network-open")?.evidence,
    ).toContain("not reported (Azure's default: Enabled)");
    expect(
      codes({ publicNetworkAccess: "Enabled", networkRuleDefaultAction: "Allow", networkRuleIpCount: 2 }),
    ).not.toContain("public-network-open");
    expect(codes({ publicNetworkAccess: "Enabled", networkRuleDefaultAction: "Deny" })).not.toContain(
      "public-network-open",
    );
  });

  it("says an unused Premium could be Standard, with the saving", () => {
    const bare = {
      sku: "Premium",
      privateEndpointCount: 0,
      networkRuleDefaultAction: "Allow",
      publicNetworkAccess: "Disabled",
      storedBytes: 50n * GIB,
    };
    const premium = find(bare, "premium-features-unused");
    expect(premium).toMatchObject({ severity: "medium", monthlySaving: 30_000_000n }); // 1.6666 × 30 − 0.6666 × 30 = 49.998 − 19.998
    expect(premium?.evidence).toContain("Premium 50.00 USD/month, Standard 20.00 USD/month");
    expect(codes({ ...bare, replicaLocations: ["westeurope"] })).not.toContain("premium-features-unused");
    expect(codes({ ...bare, privateEndpointCount: 1 })).not.toContain("premium-features-unused");
    expect(codes({ ...bare, zoneRedundancy: "Enabled" })).not.toContain("premium-features-unused");
    expect(codes({ ...bare, retentionPolicyStatus: "enabled" })).not.toContain("premium-features-unused");
    expect(codes({ ...bare, networkRuleIpCount: 3 })).not.toContain("premium-features-unused");
    // 600 GiB: Premium 49.998 + 100 × 0.10 = 59.998 < Standard 19.998 + 500 × 0.10 = 69.998, so no saving
    expect(codes({ ...bare, storedBytes: 600n * GIB })).not.toContain("premium-features-unused");
  });

  it("flags untagged-manifest retention off on Premium only", () => {
    expect(find({ sku: "Premium" }, "retention-off-premium")).toMatchObject({ severity: "low", monthlySaving: null });
    expect(codes({ sku: "Premium", retentionPolicyStatus: "enabled" })).not.toContain("retention-off-premium");
    expect(codes({ sku: "Standard", retentionPolicyStatus: "disabled" })).not.toContain("retention-off-premium");
  });

  it("says when a cheaper SKU's included storage holds the stored bytes", () => {
    const basic = find({ storedBytes: 8n * GIB }, "cheaper-sku-fits");
    expect(basic).toMatchObject({
      title: "A cheaper SKU would hold the stored bytes: Basic",
      monthlySaving: 15_000_000n,
    }); // 19.998 − 4.998
    expect(basic?.evidence).toContain("Stores 8 GiB, within Basic's included 10 GiB");
    expect(codes({ storedBytes: 10n * GIB })).toContain("cheaper-sku-fits"); // exactly the allowance
    expect(codes({ storedBytes: 10n * GIB + 1n })).not.toContain("cheaper-sku-fits");
    expect(codes({ sku: "Basic", storedBytes: 1n })).not.toContain("cheaper-sku-fits");
    // an unused Premium holding 5 GiB: Basic saves 49.998 − 4.998 = 45.00
    expect(
      find(
        { sku: "Premium", privateEndpointCount: 0, networkRuleDefaultAction: "Allow", storedBytes: 5n * GIB },
        "cheaper-sku-fits",
      )?.monthlySaving,
    ).toBe(45_000_000n);
    expect(codes({ sku: "Premium", privateEndpointCount: 1, storedBytes: 5n * GIB })).not.toContain("cheaper-sku-fits");
  });

  it("flags a registry with no push for 90 days (or never) still paying its unit", () => {
    const idle = find({ lastPushAt: new Date("2026-01-15T23:00:00Z") }, "idle-registry"); // 16 + 28 + 31 + 15 = 90 days before 2026-04-15
    expect(idle).toMatchObject({ severity: "medium", monthlySaving: 19_998_000n }); // 0.6666 × 30
    expect(idle?.evidence).toContain(
      "Last push 2026-01-15, 90 days before 2026-04-15; pays 0.67 USD a day (Standard), 30 days in 2026-04",
    );
    expect(codes({ lastPushAt: new Date("2026-01-16T00:00:00Z") })).not.toContain("idle-registry");
    expect(find({ lastPushAt: null }, "idle-registry")?.evidence).toContain("No push ever recorded");
  });

  it("lists each replica with pulls unknown and its monthly cost as the saving", () => {
    const replicas = evaluate({
      sku: "Premium",
      location: "eastus",
      replicaLocations: ["eastus", "westeurope", "japaneast"],
      storedBytes: 700n * GIB,
    }).filter((f) => f.code === "replica-pulls-unknown");
    // each: unit 1.6666 × 30 = 49.998 + storage (700 − 500) × 0.10 = 20 → 69.998
    expect(replicas.map((f) => [f.title, f.severity, f.monthlySaving])).toEqual([
      ["Replica in westeurope: pulls unknown", "info", 69_998_000n],
      ["Replica in japaneast: pulls unknown", "info", 69_998_000n],
    ]);
    expect(replicas[0].evidence).toContain("Pulls per region are unknown: no ACR API exposes them");
    expect(codes({ sku: "Premium", replicaLocations: ["eastus"] })).not.toContain("replica-pulls-unknown");
  });
});

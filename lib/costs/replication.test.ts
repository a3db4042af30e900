import { describe, expect, it } from "vitest";
import defaults from "./default-pricing.json" with { type: "json" };
import { buildPricing } from "./pricing";
import {
  billableReplicaLocations,
  globalMatcher,
  isHomeRegion,
  replicaMonthlyCosts,
  replicationWhatIf,
} from "./replication";

const GIB = 1n << 30n;
const pricing = buildPricing(defaults);
const premium = (storedGiB: bigint) => ({
  sku: "Premium",
  location: "eastus",
  storedBytes: storedGiB * GIB,
  replicaLocations: ["eastus", "westeurope", "japaneast"],
});

describe("billableReplicaLocations", () => {
  it("leaves out the home region Azure lists among the replications", () => {
    expect(
      billableReplicaLocations({ location: "eastus", replicaLocations: ["eastus", "westeurope", "japaneast"] }),
    ).toEqual(["westeurope", "japaneast"]);
  });

  it("reads a region spelt with capitals and spaces as the same region, at home or away", () => {
    const registry = {
      location: "eastus",
      replicaLocations: ["West Europe", "East US", "westeurope", "WESTEUROPE", "eastus"],
    };
    expect(billableReplicaLocations(registry)).toEqual(["West Europe"]);
    expect(billableReplicaLocations({ location: "East US", replicaLocations: ["eastus", "westeurope"] })).toEqual([
      "westeurope",
    ]);
  });

  it("keeps regions whose names only begin alike apart", () => {
    expect(
      billableReplicaLocations({ location: "eastus", replicaLocations: ["eastus2", "East US 2", "eastus"] }),
    ).toEqual(["eastus2"]);
  });

  it("is empty without replications", () => {
    expect(billableReplicaLocations({ location: "eastus", replicaLocations: [] })).toEqual([]);
  });
});

describe("isHomeRegion", () => {
  it("compares regions regardless of case and spaces", () => {
    expect(isHomeRegion("eastus", "East US")).toBe(true);
    expect(isHomeRegion("East US", "eastus")).toBe(true);
    expect(isHomeRegion("eastus", "eastus2")).toBe(false);
  });
});

describe("replicaMonthlyCosts", () => {
  it("prices each replica outside the home region for a full 30-day month", () => {
    // unit 1.6666 × 30 = 49.998; storage (700 − 500) GiB × 0.10 = 20.00 per full copy
    expect(replicaMonthlyCosts({ registry: premium(700n), month: "2026-04", pricing })).toEqual([
      { location: "westeurope", unit: 49_998_000n, storage: 20_000_000n, total: 69_998_000n },
      { location: "japaneast", unit: 49_998_000n, storage: 20_000_000n, total: 69_998_000n },
    ]);
  });

  it("uses February's 28 days and no storage when replicas hold nothing", () => {
    const none = buildPricing(defaults, { name: "n.json", json: { replicaStorage: "none" } });
    const [replica] = replicaMonthlyCosts({
      registry: { ...premium(700n), replicaLocations: ["West Europe", "westeurope"] },
      month: "2026-02",
      pricing: none,
    });
    expect(replica).toEqual({ location: "West Europe", unit: 46_664_800n, storage: 0n, total: 46_664_800n }); // 1.6666 × 28; duplicates collapse
  });

  it("splits replica storage so the replicas sum to the month's figure", () => {
    const fine = buildPricing(defaults, { name: "f.json", json: { storagePerGiBMonth: "0.000001" } });
    const registry = { ...premium(500n), storedBytes: 500n * GIB + (3n * GIB) / 2n };
    // 2 replicas × 1.5 GiB × 0.000001 = 0.000003: 2 micros to the first replica, 1 to the second
    expect(replicaMonthlyCosts({ registry, month: "2026-04", pricing: fine }).map((r) => r.storage)).toEqual([2n, 1n]);
  });

  it("lists no replica for a registry only in its home region", () => {
    expect(
      replicaMonthlyCosts({ registry: { ...premium(1n), replicaLocations: ["EastUS"] }, month: "2026-04", pricing }),
    ).toEqual([]);
  });
});

describe("globalMatcher", () => {
  it("matches ** across slashes and * within a segment", () => {
    const isGlobal = globalMatcher(["base/**", "*-global", " "]);
    expect(["base/alpine", "base/x/y", "app-global"].every(isGlobal)).toBe(true);
    expect(["team/app-global", "apps/web", "baseline"].some(isGlobal)).toBe(false);
    expect(globalMatcher([])("anything")).toBe(false);
    expect(globalMatcher(["**"])("a/b/c")).toBe(true);
  });
});

describe("replicationWhatIf", () => {
  it("moves the rest into the cheapest SKU, which may be Premium when the rest is large", () => {
    const whatIf = replicationWhatIf({
      registry: premium(2000n),
      repositories: [
        { name: "apps/web", attributedBytes: 1900n * GIB },
        { name: "base/alpine", attributedBytes: 100n * GIB },
      ],
      isGlobal: globalMatcher(["base/**"]),
      month: "2026-04",
      pricing,
    });
    // current: 49.998 + 1500 × 0.10 + 2 × 49.998 + 2 × 150 = 599.994
    expect(whatIf.current).toBe(599_994_000n);
    // global: 100 GiB within Premium's 500 → 49.998 + 2 × 49.998 = 149.994
    expect(whatIf.global).toEqual({
      sku: "Premium",
      storedBytes: 100n * GIB,
      replicas: 2,
      monthly: 149_994_000n,
      repositories: ["base/alpine"],
    });
    // rest 1900 GiB: Basic 4.998 + 1890 × 0.1 = 193.998; Standard 19.998 + 180 = 199.998; Premium 49.998 + 140 = 189.998
    expect(whatIf.rest).toEqual({
      sku: "Premium",
      storedBytes: 1900n * GIB,
      monthly: 189_998_000n,
      repositories: ["apps/web"],
    });
    expect(whatIf.proposed).toBe(339_992_000n);
    expect(whatIf.monthlySaving).toBe(260_002_000n); // 599.994 − 339.992
  });

  it("puts a small rest on Basic and reports a negative saving when splitting costs more", () => {
    const whatIf = replicationWhatIf({
      registry: premium(600n),
      repositories: [
        { name: "base/os", attributedBytes: 590n * GIB },
        { name: "apps/web", attributedBytes: 8n * GIB },
        { name: "apps/api", attributedBytes: 2n * GIB },
      ],
      isGlobal: globalMatcher(["base/**"]),
      month: "2026-04",
      pricing,
    });
    expect(whatIf.current).toBe(179_994_000n); // 49.998 + 10 + 99.996 + 20
    expect(whatIf.global.monthly).toBe(176_994_000n); // 49.998 + 9 + 99.996 + 18
    expect(whatIf.rest).toEqual({
      sku: "Basic",
      storedBytes: 10n * GIB,
      monthly: 4_998_000n,
      repositories: ["apps/api", "apps/web"],
    }); // 10 GiB fits Basic
    expect(whatIf.monthlySaving).toBe(-1_998_000n); // 179.994 − 181.992
  });

  it("needs no second registry when nothing (or everything) is global", () => {
    const repositories = [{ name: "apps/web", attributedBytes: 5n * GIB }];
    const nothing = replicationWhatIf({
      registry: premium(5n),
      repositories,
      isGlobal: () => false,
      month: "2026-04",
      pricing,
    });
    expect(nothing.global).toMatchObject({ monthly: 0n, repositories: [], storedBytes: 0n });
    expect(nothing.rest).toMatchObject({ sku: "Basic", monthly: 4_998_000n });
    expect(nothing.monthlySaving).toBe(149_994_000n - 4_998_000n);
    const everything = replicationWhatIf({
      registry: premium(5n),
      repositories,
      isGlobal: () => true,
      month: "2026-04",
      pricing,
    });
    expect(everything.rest).toMatchObject({ monthly: 0n, repositories: [] });
    expect(everything.monthlySaving).toBe(0n);
  });
});

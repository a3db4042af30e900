import { describe, expect, it } from "vitest";
import { LedgerError } from "../errors";
import defaults from "./default-pricing.json" with { type: "json" };
import { buildPricing, pricesFor } from "./pricing";

const GIB = 1n << 30n;

function configError(run: () => unknown): LedgerError {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerError && error.code === "config") return error;
    throw error;
  }
  throw new Error("expected a config error");
}

describe("buildPricing", () => {
  it("reads the default list prices into micros", () => {
    const p = buildPricing(defaults);
    expect(p.skus.Basic).toEqual({ unitPerDay: 166_600n, includedBytes: 10n * GIB });
    expect(p.skus.Standard).toEqual({ unitPerDay: 666_600n, includedBytes: 100n * GIB });
    expect(p.skus.Premium).toEqual({ unitPerDay: 1_666_600n, includedBytes: 500n * GIB });
    expect(p.storagePerGiBMonth).toBe(100_000n);
    expect(p.replicationUnitPerDay).toBe(1_666_600n);
    expect(p.taskPerVcpuSecond).toBe(100n);
    expect(p.taskFreeVcpuSecondsPerMonth).toBe(6000);
    expect(p).toMatchObject({
      id: "azure-list-usd-2026-11-28",
      readOn: "2026-11-28",
      currency: "USD",
      discountPercent: 0,
      defaultTaskCpu: 2,
      replicaStorage: "full-copy",
      regions: {},
    });
    expect(p.source).toMatch(/read 2026-11-28; discount 0%$/);
  });

  it("applies a discount to every price, exactly in micros", () => {
    const p = buildPricing(defaults, { name: "/etc/ledger/acme.json", json: { discountPercent: 15, currency: "EUR" } });
    expect(p.skus.Basic.unitPerDay).toBe(141_610n); // 0.1666 × 0.85 = 0.14161
    expect(p.skus.Premium.unitPerDay).toBe(1_416_610n); // 1.6666 × 0.85 = 1.41661
    expect(p.storagePerGiBMonth).toBe(85_000n); // 0.10 × 0.85
    expect(p.taskPerVcpuSecond).toBe(85n); // 0.0001 × 0.85 = 0.000085
    expect(p.skus.Premium.includedBytes).toBe(500n * GIB); // storage allowances are not money
    expect(p.currency).toBe("EUR");
    expect(p.id).toBe("azure-list-usd-2026-11-28+acme.json");
    expect(p.source).toMatch(/read 2026-11-28; discount 15%; override acme\.json$/);
  });

  it("rounds a discounted price half away from zero", () => {
    const p = buildPricing(defaults, { name: "x.json", json: { discountPercent: 12.5 } });
    expect(p.taskPerVcpuSecond).toBe(88n); // 100 × 0.875 = 87.5 → 88
  });

  it("overrides SKU prices and regions; a region override applies to its location only", () => {
    const p = buildPricing(defaults, {
      name: "x.json",
      json: {
        discountPercent: 10,
        skus: { Standard: { includedGiB: 200 } },
        regions: { "West Europe": { skus: { Premium: { unitPerDay: "2.0000" } }, storagePerGiBMonth: 0.2 } },
      },
    });
    const west = pricesFor(p, "westeurope");
    expect(west.skus.Premium.unitPerDay).toBe(1_800_000n); // 2.0000 × 0.9
    expect(west.skus.Basic.unitPerDay).toBe(149_940n); // base 0.1666 × 0.9
    expect(west.skus.Standard.includedBytes).toBe(200n * GIB); // the file's base override reaches the region
    expect(west.storagePerGiBMonth).toBe(180_000n); // 0.2 × 0.9
    expect(pricesFor(p, "WestEurope")).toBe(west);
    const east = pricesFor(p, "eastus");
    expect(east.skus.Premium.unitPerDay).toBe(1_499_940n); // 1.6666 × 0.9
    expect(east.storagePerGiBMonth).toBe(90_000n);
  });

  it("names the file and the field of a bad value", () => {
    const tooFine = configError(() =>
      buildPricing(defaults, { name: "acme.json", json: { skus: { Premium: { unitPerDay: "1.2345678" } } } }),
    );
    expect(tooFine.message).toContain("acme.json");
    expect(tooFine.message).toMatch(/skus\.Premium\.unitPerDay: .*more than 6 decimals/);

    expect(
      configError(() => buildPricing(defaults, { name: "a.json", json: { discountPercent: 120 } })).message,
    ).toMatch(/discountPercent: must be from 0 to 100/);
    expect(
      configError(() => buildPricing(defaults, { name: "a.json", json: { storagePerGiBMonth: "-1" } })).message,
    ).toMatch(/storagePerGiBMonth: must not be negative/);
    expect(
      configError(() => buildPricing(defaults, { name: "a.json", json: { replicaStorage: "half" } })).message,
    ).toMatch(/replicaStorage: /);
    expect(
      configError(() =>
        buildPricing(defaults, { name: "a.json", json: { regions: { eastus: { storagePrice: "1" } } } }),
      ).message,
    ).toMatch(/regions\.eastus: .*storagePrice/);
    expect(configError(() => buildPricing(defaults, { name: "a.json", json: { storagePrice: "1" } })).message).toMatch(
      /\(file\): .*storagePrice/,
    );
    expect(configError(() => buildPricing(defaults, { name: "a.json", json: { skus: { Gold: {} } } })).message).toMatch(
      /skus: .*Gold/,
    );
    expect(configError(() => buildPricing(defaults, { name: "a.json", json: [] })).message).toMatch(
      /a\.json:\n {2}\(file\): /,
    );
  });

  it("requires a complete defaults table", () => {
    const { storagePerGiBMonth: _dropped, ...incomplete } = defaults;
    expect(configError(() => buildPricing(incomplete)).message).toMatch(
      /default pricing table[\s\S]*storagePerGiBMonth/,
    );
  });
});

describe("buildPricing issues", () => {
  it("names each bad field of an override file as an issue, and in the message under the file's name", () => {
    const error = configError(() =>
      buildPricing(defaults, {
        name: "acme.json",
        json: {
          storagePerGiBMonth: -1,
          skus: { Basic: { unitPerDay: "x", colour: 1 } },
          regions: { "West Europe": { storagePerGiBMonth: "a" } },
        },
      }),
    );
    expect(error.issues?.map((i) => i.path)).toEqual([
      "regions.West Europe.storagePerGiBMonth",
      "skus.Basic.unitPerDay",
      "skus.Basic",
      "storagePerGiBMonth",
    ]);
    expect(error.issues?.find((i) => i.path === "skus.Basic")?.message).toBe('Unrecognized key: "colour"');
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("Invalid pricing file acme.json:");
    expect(lines).toContain('  skus.Basic: Unrecognized key: "colour"');
    expect(lines.some((line) => line.startsWith('  regions["West Europe"].storagePerGiBMonth: '))).toBe(true);
    expect(lines).toHaveLength(5);
  });
});

/**
 * Property tests of the pricing override file (REGISTRY_LEDGER_PRICING_FILE): any JSON value is
 * either a pricing table or a LedgerError("config") naming the file and, line by line, each bad
 * field. Never another error (which the CLIs would print with a stack), never an entry dropped.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import defaults from "./default-pricing.json" with { type: "json" };
import { buildPricing, normalizeLocation, pricesFor } from "./pricing";
import type { Pricing } from "./types";

const FILE = "/etc/ledger/acme-pricing.json";
const PROBLEM_LINE = /^ {2}\S.*: \S/;

const edgyText = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom(
    "",
    " ",
    "0.1",
    "-1",
    "1.1234567",
    "1e3",
    "USD",
    "eur",
    "2026-02-30",
    "2026-11-28",
    "full-copy",
    "none",
    "__proto__",
    "West Europe",
  ),
);
const edgyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.5, 100, 101, 1e21, 5e-7, Number.MAX_SAFE_INTEGER + 2),
);
const anyValue = fc.oneof(edgyText, edgyNumber, fc.jsonValue({ maxDepth: 2 }));
const price = fc.oneof(fc.constantFrom("0.1666", "12", "0.000001"), anyValue);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const sku = fc.oneof(
  fc.record({ unitPerDay: maybe(price), includedGiB: maybe(anyValue) }, { requiredKeys: [] }),
  anyValue,
);
const prices = fc.record(
  {
    skus: maybe(
      fc.oneof(
        fc.record(
          { Basic: maybe(sku), Standard: maybe(sku), Premium: maybe(sku), Classic: maybe(sku) },
          { requiredKeys: [] },
        ),
        anyValue,
      ),
    ),
    storagePerGiBMonth: maybe(price),
    replicationUnitPerDay: maybe(price),
    taskPerVcpuSecond: maybe(price),
    taskFreeVcpuSecondsPerMonth: maybe(anyValue),
  },
  { requiredKeys: [] },
);
/** Override files shaped like the real one, any value in any field, now and then an unknown one. */
const nearFile = fc
  .record(
    {
      id: maybe(anyValue),
      readOn: maybe(anyValue),
      currency: maybe(anyValue),
      source: maybe(anyValue),
      discountPercent: maybe(anyValue),
      defaultTaskCpu: maybe(anyValue),
      replicaStorage: maybe(anyValue),
      regions: maybe(fc.oneof(fc.dictionary(edgyText, fc.oneof(prices, anyValue), { maxKeys: 3 }), anyValue)),
      discount: maybe(anyValue),
    },
    { requiredKeys: [] },
  )
  .chain((settings) => prices.map((p) => ({ ...settings, ...p })));
const anyFile = fc.oneof(nearFile, fc.jsonValue({ maxDepth: 4 }));

function buildOrMessage(json: unknown): Pricing | string {
  try {
    return buildPricing(defaults, { name: FILE, json });
  } catch (error) {
    expect(isLedgerError(error, "config"), `not a config error: ${String(error)}`).toBe(true);
    return (error as Error).message;
  }
}

function expectNamedProblems(message: string) {
  const [head, ...lines] = message.split("\n");
  expect(head).toBe(`Invalid pricing file ${FILE}:`);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(PROBLEM_LINE);
}

describe("pricing override file (property)", () => {
  it("builds a table whose prices are whole non-negative micros, or names every bad field", () => {
    fc.assert(
      fc.property(anyFile, (file) => {
        // Through JSON as the file is read: JSON.parse gives "__proto__" as an own key.
        const result = buildOrMessage(JSON.parse(JSON.stringify(file) ?? "null"));
        if (typeof result === "string") return expectNamedProblems(result);
        for (const p of [result, ...Object.values(result.regions)]) {
          for (const micros of [
            p.storagePerGiBMonth,
            p.replicationUnitPerDay,
            p.taskPerVcpuSecond,
            ...Object.values(p.skus).map((s) => s.unitPerDay),
          ]) {
            expect(typeof micros).toBe("bigint");
            expect(micros >= 0n).toBe(true);
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  it("keeps every region it accepts", () => {
    const regions = fc.dictionary(edgyText, fc.record({ storagePerGiBMonth: fc.constantFrom("0.5", "0.25") }), {
      maxKeys: 4,
    });
    fc.assert(
      fc.property(regions, (given) => {
        const json = JSON.parse(JSON.stringify({ regions: given })) as {
          regions: Record<string, { storagePerGiBMonth: string }>;
        };
        const result = buildOrMessage(json);
        if (typeof result === "string") return expectNamedProblems(result);
        const lastByLocation = new Map(
          Object.entries(json.regions).map(([location, p]) => [normalizeLocation(location), p.storagePerGiBMonth]),
        );
        for (const [location, storage] of lastByLocation) {
          expect(pricesFor(result, location).storagePerGiBMonth).toBe(storage === "0.5" ? 500_000n : 250_000n);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("pricing override file: regions", () => {
  it("refuses a __proto__ region, which would otherwise vanish", () => {
    expect(buildOrMessage(JSON.parse('{"regions":{"__proto__":{"storagePerGiBMonth":"1"}}}'))).toBe(
      `Invalid pricing file ${FILE}:\n  regions.__proto__: is not a region`,
    );
  });

  it("finds no region in Object.prototype's members", () => {
    const pricing = buildOrMessage({ regions: { westeurope: { storagePerGiBMonth: "1" } } }) as Pricing;
    expect(pricesFor(pricing, "constructor").storagePerGiBMonth).toBe(pricing.storagePerGiBMonth);
  });
});

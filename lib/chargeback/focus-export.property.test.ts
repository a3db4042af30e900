/**
 * Property tests of the FOCUS export: whatever the split of the origin charges among teams, the
 * dataset breaks no rule of FOCUS_RULES, and each origin's allocated charges add up exactly to it
 * (amounts, estimates and quantity).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRational } from "../costs/money";
import { COST_KINDS } from "../costs/types";
import { focusViolations, type FocusRecord } from "./focus-conformance";
import { CHARGEBACK_COLUMNS, focusRows, originKey, type FocusLine, type OriginUsage } from "./focus-export";

const SUB = "00000000-0000-0000-0000-000000000002";
const REGISTRIES = ["alpha", "beta"].map(
  (name) => `/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.containerregistry/registries/${name}`,
);
const TEAMS = ["checkout", "identity", "payments", "unallocated"];

const origin = fc.record({
  registry: fc.constantFrom(...REGISTRIES),
  kind: fc.constantFrom(...COST_KINDS),
  // Per team: the estimate and the billed amount (scaled to a bill, or not), both non-zero.
  shares: fc.uniqueArray(
    fc.record({
      team: fc.constantFrom(...TEAMS),
      estimated: fc.bigInt({ min: 1n, max: 10n ** 10n }),
      billed: fc.bigInt({ min: 1n, max: 10n ** 10n }),
    }),
    { minLength: 1, maxLength: 4, selector: (s) => s.team },
  ),
  quantityUnits: fc.bigInt({ min: 0n, max: 10n ** 15n }),
});

describe("FOCUS export (property)", () => {
  it("conforms to every rule and splits each origin exactly", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(origin, { minLength: 1, maxLength: 6, selector: (o) => originKey(o.registry, o.kind) }),
        (origins) => {
          const lines: FocusLine[] = origins.flatMap((o) =>
            o.shares.map((s) => ({
              team: s.team,
              costCenter: "",
              registry: o.registry.split("/").at(-1)!,
              subscriptionId: SUB,
              resourceId: o.registry,
              location: "eastus",
              kind: o.kind,
              method: "proportional",
              micros: s.billed.toString(),
              estimatedMicros: s.estimated.toString(),
            })),
          );
          const usage = new Map<string, OriginUsage>(
            origins.map((o) => [
              originKey(o.registry, o.kind),
              {
                sku: "Standard",
                quantity: formatRational(o.quantityUnits, 10n ** 9n),
                costMicros: o.shares.reduce((s, x) => s + x.estimated, 0n),
              },
            ]),
          );
          const rows = [
            ...focusRows(
              { month: "2026-02", coveredUntil: "2026-02-10", currency: "EUR", lines },
              { allLines: lines, usage, subscriptionNames: new Map() },
            ),
          ];
          const records: FocusRecord[] = rows.map((r) =>
            Object.fromEntries(Object.entries(r).map(([c, v]) => [c, v ?? ""])),
          );
          expect(focusViolations({ header: [...CHARGEBACK_COLUMNS], records })).toEqual([]);
          for (const o of origins) {
            const split = records.filter((r) => r.ResourceId === o.registry && r.SkuMeter === o.kind);
            const units = (column: string, decimals: number) =>
              split.reduce((sum, r) => {
                const [whole, fraction = ""] = r[column].split(".");
                return sum + BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0"));
              }, 0n);
            expect(units("PricingQuantity", 9)).toBe(o.quantityUnits);
            expect(units("BilledCost", 6)).toBe(o.shares.reduce((s, x) => s + x.billed, 0n));
            expect(units("ListCost", 6)).toBe(o.shares.reduce((s, x) => s + x.estimated, 0n));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

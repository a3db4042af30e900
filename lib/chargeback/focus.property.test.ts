/**
 * Property tests of the FOCUS CSV parser: any text is either a bill of the month asked for, whose
 * rows add up, or a LedgerError("validation") with a short message; never another error (a 500).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { focusCsvText } from "@/lib/testing/import-arbitraries";
import { decimalToMicros, parseFocusCsv, type FocusBill } from "./focus";

const IDS = ["/subscriptions/s/resourcegroups/rg/providers/microsoft.containerregistry/registries/alpha"];

function parseOrRefuse(parse: () => FocusBill): FocusBill | null {
  try {
    return parse();
  } catch (error) {
    expect(isLedgerError(error, "validation"), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Invalid FOCUS file: /);
    expect((error as Error).message.length).toBeLessThan(1_000);
    return null;
  }
}

describe("FOCUS CSV parser (property)", () => {
  it("reads any text as the month's bill or refuses it as a validation error", () => {
    fc.assert(
      fc.property(focusCsvText(IDS), fc.constantFrom("2026-11", "2026-10", undefined), (text, month) => {
        const bill = parseOrRefuse(() => parseFocusCsv(text, month));
        if (bill === null) return;
        if (month !== undefined) expect(bill.month).toBe(month);
        else expect(bill.monthsInFile).toEqual([bill.month]);
        expect(bill.monthsInFile).toEqual([...new Set(bill.monthsInFile)].sort());
        expect(bill.rows.length).toBeLessThanOrEqual(bill.rowsInFile);
        expect(new Set(bill.rows.map((r) => r.currency)).size).toBeLessThanOrEqual(1);
        for (const row of bill.rows) expect(row.resourceId).toBe(row.resourceId.toLowerCase());
      }),
      { numRuns: 500 },
    );
  });

  it("never takes a file of other months than the one asked for", () => {
    fc.assert(
      fc.property(focusCsvText(IDS), (text) => {
        const bill = parseOrRefuse(() => parseFocusCsv(text, "2027-01"));
        // Every made-up period is of late 2026: a file with a period column and a row is refused.
        const hasPeriod = /(Billing|Charge)PeriodStart/i.test(text.split(/\r?\n/)[0]);
        if (bill !== null && hasPeriod) expect(bill.rowsInFile).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("reads a decimal exactly to the micro, a minus sign negating it", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (micros, dropped) => {
        const scale = 10n ** BigInt(dropped);
        const exact = (micros / scale) * scale;
        const text = `${exact / 1_000_000n}.${(exact % 1_000_000n).toString().padStart(6, "0")}`;
        expect(decimalToMicros(text)).toBe(exact);
        expect(decimalToMicros(`-${text}`)).toBe(-exact);
      }),
    );
  });
});

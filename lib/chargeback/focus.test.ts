import { describe, expect, it } from "vitest";
import { streamCsv } from "@/lib/csv";
import { decimalToMicros, parseFocusCsv } from "./focus";
import { CHARGEBACK_COLUMNS, CHARGEBACK_NUMERIC_COLUMNS, focusRows, type FocusLine } from "./focus-export";

const ID = "/subscriptions/s/resourceGroups/RG/providers/Microsoft.ContainerRegistry/registries/Reg1";

describe("decimalToMicros", () => {
  it("rounds any decimal to the micro, exponents included", () => {
    expect(decimalToMicros("12.3456785")).toBe(12_345_679n);
    expect(decimalToMicros("-0.0000005")).toBe(-1n);
    expect(decimalToMicros("1.5E-05")).toBe(15n);
    expect(decimalToMicros("2e3")).toBe(2_000_000_000n);
    expect(decimalToMicros(".5")).toBe(500_000n);
    expect(() => decimalToMicros("abc")).toThrow(/not a decimal/);
  });
});

describe("parseFocusCsv", () => {
  it("reads columns by name with a BOM, quotes and extra columns, keeping the month's rows", () => {
    const text =
      "\uFEFFx_Extra,billedcost,BillingCurrency,ResourceId,ChargePeriodStart,BillingPeriodStart\r\n" +
      `"a, ""quoted""\nvalue",1.25,usd,${ID},2026-02-01T00:00:00Z,2026-02-01T00:00:00Z\r\n` +
      `z,"0.000001",USD,${ID}/replications/westus,2026-02-15,2026-02-01\r\n` +
      `z,9,USD,${ID},2026-03-01,2026-03-01\r\n`;
    const bill = parseFocusCsv(text, "2026-02");
    expect(bill).toEqual({
      month: "2026-02",
      currency: "USD",
      rowsInFile: 3,
      monthsInFile: ["2026-02", "2026-03"],
      rows: [
        { row: 1, resourceId: ID.toLowerCase(), billedMicros: 1_250_000n, currency: "USD" },
        { row: 2, resourceId: `${ID}/replications/westus`.toLowerCase(), billedMicros: 1n, currency: "USD" },
      ],
    });
  });

  it("takes the month from BillingPeriodStart when none is given, and refuses several", () => {
    const one = `BilledCost,BillingCurrency,ResourceId,BillingPeriodStart\n1,EUR,${ID},02/01/2026\n`;
    expect(parseFocusCsv(one).month).toBe("2026-02");
    const two = `${one}2,EUR,${ID},03/01/2026\n`;
    expect(() => parseFocusCsv(two)).toThrow(/several months \(2026-02, 2026-03\)/);
    expect(parseFocusCsv(two, "2026-03").rows.map((r) => r.billedMicros)).toEqual([2_000_000n]);
  });

  it("names the missing column and the bad row", () => {
    expect(() => parseFocusCsv("BilledCost,ResourceId\n1,x\n", "2026-02")).toThrow(/missing column BillingCurrency/);
    expect(() => parseFocusCsv("BilledCost,BillingCurrency,ResourceId\n1,USD,x\n")).toThrow(
      /missing column BillingPeriodStart/,
    );
    expect(() =>
      parseFocusCsv(
        `BilledCost,BillingCurrency,ResourceId,ChargePeriodStart\n1,USD,x,2026-02-01\nlots,USD,x,2026-02-02\n`,
        "2026-02",
      ),
    ).toThrow(/row 2: BilledCost "lots" is not a decimal amount/);
    expect(() =>
      parseFocusCsv(`BilledCost,BillingCurrency,ResourceId,ChargePeriodStart\n1,USD,x,someday\n`, "2026-02"),
    ).toThrow(/row 1: ChargePeriodStart "someday" is not a date/);
    for (const day of ["2026-13-01", "2026-02-30", "13/01/2026"]) {
      expect(
        () => parseFocusCsv(`BilledCost,BillingCurrency,ResourceId,BillingPeriodStart\n1,USD,x,${day}\n`),
        day,
      ).toThrow(/row 1: BillingPeriodStart .* is not a date/);
    }
    expect(() =>
      parseFocusCsv(
        `BilledCost,BillingCurrency,ResourceId,ChargePeriodStart\n1,USD,x,2026-02-01\n1,EUR,x,2026-02-01\n`,
        "2026-02",
      ),
    ).toThrow(/several currencies/);
    expect(() => parseFocusCsv('BilledCost,BillingCurrency\n"unclosed,1\n', "2026-02")).toThrow(/not a readable CSV/);
  });

  it("refuses a file whose billing period is not the month asked for, naming both", () => {
    const november = `BilledCost,BillingCurrency,ResourceId,BillingPeriodStart\n1,USD,${ID},2026-11-01\n`;
    expect(() => parseFocusCsv(november, "2026-12")).toThrow(
      "the file's billing period is 2026-11 (BillingPeriodStart), not the requested month 2026-12",
    );
    const two = `${november}2,USD,${ID},2026-10-01\n`;
    expect(() => parseFocusCsv(two, "2026-12")).toThrow(
      "billing periods are 2026-10, 2026-11 (BillingPeriodStart), not the requested month 2026-12",
    );
    expect(parseFocusCsv(two, "2026-10").rows.map((r) => r.billedMicros)).toEqual([2_000_000n]);
  });

  it("takes a row's month from its billing period before its charge period", () => {
    const late = `BilledCost,BillingCurrency,ResourceId,ChargePeriodStart,BillingPeriodStart\n3,USD,${ID},2026-10-31,2026-11-01\n`;
    expect(parseFocusCsv(late, "2026-11").rows).toHaveLength(1);
    expect(() => parseFocusCsv(late, "2026-10")).toThrow(/billing period is 2026-11/);
  });

  it("reads a header-only file as no rows, and cuts hostile values short in messages", () => {
    expect(parseFocusCsv("BilledCost,BillingCurrency,ResourceId,BillingPeriodStart\n", "2026-11")).toMatchObject({
      rows: [],
      rowsInFile: 0,
      monthsInFile: [],
    });
    const long = "9".repeat(10_000);
    const message = () => parseFocusCsv(`BilledCost,BillingCurrency,ResourceId\n${long},USD,x\n`, "2026-11");
    expect(message).toThrow(/row 1: BilledCost "9{60}…" has more than 40 digits/);
  });
});

describe("parseFocusCsv of our own chargeback export", () => {
  it("reads each row's BilledCost and ResourceId back, through the quoted JSON cells", async () => {
    const line = (team: string, kind: FocusLine["kind"], micros: string): FocusLine => ({
      team,
      costCenter: 'CC, "quoted"',
      registry: "reg1",
      subscriptionId: "s",
      resourceId: ID.toLowerCase(),
      location: "westeurope",
      kind,
      method: "attributed-bytes",
      micros,
      estimatedMicros: micros,
    });
    const lines = [
      line("payments", "storage", "1250001"),
      line("unallocated", "storage", "3"),
      line("payments", "unit", "9"),
    ];
    const rows = focusRows(
      { month: "2026-02", coveredUntil: "2026-02-12", currency: "EUR", lines },
      { allLines: lines, usage: new Map(), subscriptionNames: new Map() },
    );
    let text = "";
    for await (const chunk of streamCsv(
      CHARGEBACK_COLUMNS,
      (async function* () {
        yield* rows;
      })(),
      {
        numericColumns: CHARGEBACK_NUMERIC_COLUMNS,
      },
    ))
      text += chunk;
    const bill = parseFocusCsv(text);
    expect(bill).toMatchObject({ month: "2026-02", currency: "EUR", rowsInFile: 3 });
    expect(bill.rows.map((r) => [r.resourceId, r.billedMicros])).toEqual([
      [ID.toLowerCase(), 1_250_001n],
      [ID.toLowerCase(), 3n],
      [ID.toLowerCase(), 9n],
    ]);
  });
});

/**
 * Reading a FOCUS cost export (CSV, as Azure Cost Management exports it) into billed amounts per
 * resource and month ("reconcile with the bill"). Pure: the caller matches resources to
 * registries and stores the result. Contract: parseFocusCsv(text, month?) → FocusBill, or a
 * LedgerError("validation") naming the missing column, the bad row (data rows count from 1, the
 * header is line 1 of the file) and its value.
 * - Columns by name, case-insensitive, in any order; extra columns ignored; a BOM and quoted
 *   fields (commas, quotes, line breaks inside) are fine. Needed: BilledCost, BillingCurrency,
 *   ResourceId, and BillingPeriodStart or ChargePeriodStart (the row's month: BillingPeriodStart
 *   first, since a bill is the invoice of a billing period). A file without either period column
 *   is accepted only with a month given.
 * - month given: only the rows of that month count, and the file's period column must include it
 *   (a file of other periods is refused, naming both months). No month: the file's period column
 *   must name ONE month, which is the month imported.
 * - BilledCost is a decimal (any number of decimals, an exponent allowed, e.g. 1.5E-05), rounded
 *   to the micro half away from zero per row; an empty cost is 0. One currency per month.
 * - ResourceIds are lower-cased; rows without one are counted as unmatched by the caller.
 */
import { parse } from "csv-parse/sync";
import { describeError, LedgerError } from "@/lib/errors";
import { roundDiv } from "../costs/money";
import type { Micros } from "../costs/types";

export type FocusRow = { row: number; resourceId: string; billedMicros: Micros; currency: string };
export type FocusBill = {
  month: string;
  currency: string | null;
  /** The month's rows. */
  rows: FocusRow[];
  rowsInFile: number;
  /** The distinct months of the period column, sorted (empty without one). */
  monthsInFile: string[];
};

const MAX_DIGITS = 40;
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Values in messages are cut short, so a hostile cell cannot flood the answer. */
const clip = (value: string, length = 60) => (value.length > length ? `${value.slice(0, length)}…` : value);
const quote = (value: string) => JSON.stringify(clip(value));

const invalid = (message: string) => new LedgerError("validation", `Invalid FOCUS file: ${message}`);

/** "12.3456789" → 12345679n micros; "1.5E-05" → 15n. Throws on anything that is not a decimal. */
export function decimalToMicros(text: string): Micros {
  const match = DECIMAL.exec(text.trim().replaceAll(",", ""));
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new Error(`${quote(text)} is not a decimal amount`);
  const [, sign, whole, fraction = "", exponentText = "0"] = match;
  // Parsing a BigInt is quadratic in its digits: no real amount has this many, so refuse early.
  if (whole.length + fraction.length > MAX_DIGITS) throw new Error(`${quote(text)} has more than ${MAX_DIGITS} digits`);
  const digits = BigInt(`${whole}${fraction}` || "0");
  const scale = Number(exponentText) - fraction.length + 6; // micros = digits × 10^scale
  if (Math.abs(scale) > 100) throw new Error(`${quote(text)} is out of range`);
  const micros = scale >= 0 ? digits * 10n ** BigInt(scale) : roundDiv(digits, 10n ** BigInt(-scale));
  return sign === "-" ? -micros : micros;
}

/** "2026-02-01T00:00:00Z", "2026-02-01" or the US "02/01/2026" older exports use → "2026-02". */
function monthOf(text: string): string | null {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1].padStart(2, "0"), us[2]] : [];
  if (year === undefined) return null;
  // A day the calendar does not have (2026-13-01, 2/30/2026) is not a date either.
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day)
  )
    return null;
  return `${year}-${month}`;
}

function readRecords(text: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw invalid(`not a readable CSV: ${describeError(error)}`);
  }
}

/** Each data row's month from the period column, in file order; throws naming the first row that has no date. */
function rowMonths(data: string[][], header: string[], period: number): string[] {
  return data.map((record, i) => {
    const value = record[period] ?? "";
    const found = monthOf(value);
    if (!found) throw invalid(`row ${i + 1}: ${header[period]} ${quote(value)} is not a date`);
    return found;
  });
}

/** The month imported: the one asked for, which the file's period column must include, else the file's only month. */
function chooseMonth(requested: string | undefined, monthsInFile: string[], periodColumn: string): string {
  if (requested !== undefined) {
    if (monthsInFile.length > 0 && !monthsInFile.includes(requested)) {
      const kind = periodColumn === "BillingPeriodStart" ? "billing" : "charge";
      const periods =
        monthsInFile.length === 1 ? `period is ${monthsInFile[0]}` : `periods are ${monthsInFile.join(", ")}`;
      throw invalid(`the file's ${kind} ${periods} (${periodColumn}), not the requested month ${requested}`);
    }
    return requested;
  }
  if (monthsInFile.length > 1)
    throw invalid(`the file covers several months (${monthsInFile.join(", ")}): give the month to import`);
  if (monthsInFile.length === 0) throw invalid("the file has no data rows");
  return monthsInFile[0];
}

export function parseFocusCsv(text: string, month?: string): FocusBill {
  const [header, ...data] = readRecords(text);
  if (!header)
    throw invalid(
      "the file is empty (expected a header line with BilledCost, BillingCurrency, ResourceId, BillingPeriodStart)",
    );
  const index = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const column = (name: string) => {
    const i = index(name);
    if (i < 0) throw invalid(`missing column ${name} (the header has: ${clip(header.join(", "), 300)})`);
    return i;
  };
  const cost = column("BilledCost");
  const currencyColumn = column("BillingCurrency");
  const resource = column("ResourceId");
  const billingStart = index("BillingPeriodStart");
  const period = billingStart >= 0 ? billingStart : index("ChargePeriodStart");
  if (period < 0 && month === undefined)
    throw invalid(
      "missing column BillingPeriodStart (or ChargePeriodStart), needed to know the month: give the month instead",
    );

  const months = period >= 0 ? rowMonths(data, header, period) : null;
  const monthsInFile = [...new Set(months)].sort();
  const fileMonth = chooseMonth(month, monthsInFile, billingStart >= 0 ? "BillingPeriodStart" : "ChargePeriodStart");

  const rows: FocusRow[] = [];
  const currencies = new Set<string>();
  data.forEach((record, i) => {
    const row = i + 1;
    if (months !== null && months[i] !== fileMonth) return;
    let billedMicros: Micros;
    const costText = record[cost] ?? "";
    try {
      billedMicros = costText.trim() === "" ? 0n : decimalToMicros(costText);
    } catch (error) {
      throw invalid(`row ${row}: BilledCost ${describeError(error)}`);
    }
    const currency = (record[currencyColumn] ?? "").trim().toUpperCase();
    if (currency === "") throw invalid(`row ${row}: BillingCurrency is empty`);
    currencies.add(currency);
    rows.push({ row, resourceId: (record[resource] ?? "").trim().toLowerCase(), billedMicros, currency });
  });
  if (currencies.size > 1)
    throw invalid(`the month's rows are in several currencies (${[...currencies].sort().join(", ")})`);
  return { month: fileMonth, currency: [...currencies][0] ?? null, rows, rowsInFile: data.length, monthsInFile };
}

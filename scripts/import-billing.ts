/**
 * npm run import-billing -- [--month YYYY-MM] FILE|-
 * Imports a FOCUS cost export (CSV, as Azure Cost Management exports it): sums BilledCost per
 * registry (ResourceId matched case-insensitively) for the month and replaces that month's billed
 * amounts. Prints a one-line summary; exit 2 on bad input with the message naming the column or row.
 */
import { readFile } from "node:fs/promises";
import { buffer } from "node:stream/consumers";
import { Command, CommanderError } from "commander";
import { importFocusBill } from "../lib/chargeback/import-focus";
import { closeDb } from "../lib/db";
import { formatMoney } from "../lib/domain/cost/money";
import { LedgerError } from "../lib/errors";
import { decodeUpload } from "../lib/in-use/decode-upload";
import { runCli } from "./cli";

const program = new Command("import-billing")
  .description("Import a FOCUS cost export (CSV) as the billed amount per registry for a month")
  .option("--month <YYYY-MM>", "the month to import (default: the file's BillingPeriodStart)")
  .argument("<file>", "the CSV file to read, or - for stdin")
  .exitOverride();

async function readInput(file: string): Promise<Uint8Array> {
  if (file === "-") return buffer(process.stdin);
  try {
    return await readFile(file);
  } catch (error) {
    throw new LedgerError("validation", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
}

async function main(): Promise<number> {
  try {
    program.parse();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const { month } = program.opts<{ month?: string }>();
  try {
    const result = await importFocusBill({ text: decodeUpload(await readInput(program.args[0])), month });
    const total = result.registries.reduce((sum, r) => sum + BigInt(r.billedMicros), 0n);
    process.stdout.write(
      `Imported ${result.month}: ${formatMoney(total, 2)} ${result.currency ?? ""} billed for ${result.registries.length} registries ` +
        `from ${result.matchedRows} rows; ${result.unmatchedRows} rows matched no registry.\n`,
    );
    return 0;
  } finally {
    await closeDb();
  }
}

await runCli(main);

/**
 * npm run import-billing -- [--month YYYY-MM] FILE|-
 * Imports a FOCUS cost export (CSV, as Azure Cost Management exports it): sums BilledCost per
 * registry (ResourceId matched case-insensitively) for the month and replaces that month's billed
 * amounts. Prints a one-line summary; exit 2 on bad input with the message naming the column or row.
 */
import { Command } from "commander";
import { importFocusBill } from "../lib/chargeback/import-focus";
import { closeDb } from "../lib/db";
import { formatMoney } from "../lib/domain/cost/money";
import { decodeUpload } from "../lib/in-use/decode-upload";
import { parseArgs, readInputFile, runCli } from "./cli";

const program = new Command("import-billing")
  .description("Import a FOCUS cost export (CSV) as the billed amount per registry for a month")
  .option("--month <YYYY-MM>", "the month to import (default: the file's BillingPeriodStart)")
  .argument("<file>", "the CSV file to read, or - for stdin")
  .exitOverride();

async function main(): Promise<number> {
  const parsed = parseArgs(program);
  if (parsed !== null) return parsed;
  const { month } = program.opts<{ month?: string }>();
  try {
    const result = await importFocusBill({ text: decodeUpload(await readInputFile(program.args[0])), month });
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

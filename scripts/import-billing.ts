/**
 * npm run import-billing -- [--month YYYY-MM] [--allow-empty] FILE|-
 * Imports a FOCUS cost export (CSV, as Azure Cost Management exports it): sums BilledCost per
 * registry (ResourceId matched case-insensitively) for the month and replaces the billed amounts
 * of the registries it matched. Prints a one-line summary; exit 2 on bad input with the message
 * naming the column or row, on a billing period other than --month, and on a file that matches no
 * registry in the month unless --allow-empty (which removes the month's billed amounts). The audit
 * log names the OS user running it (via "cli").
 */
import { Command } from "commander";
import { osActor } from "../lib/audit/server/os-actor";
import { importFocusBill } from "../lib/chargeback/server/import-focus";
import { closeDb } from "../lib/db";
import { formatMoney } from "../lib/costs/money";
import { decodeUpload } from "../lib/in-use/decode-upload";
import { parseArgs, readInputFile, runCli } from "./cli";

const program = new Command("import-billing")
  .description("Import a FOCUS cost export (CSV) as the billed amount per registry for a month")
  .option("--month <YYYY-MM>", "the month to import (default: the file's BillingPeriodStart)")
  .option("--allow-empty", "accept a file that matches no registry in the month, removing the month's billed amounts")
  .argument("<file>", "the CSV file to read, or - for stdin")
  .exitOverride();

async function main(): Promise<number> {
  const parsed = parseArgs(program);
  if (parsed !== null) return parsed;
  const { month, allowEmpty } = program.opts<{ month?: string; allowEmpty?: boolean }>();
  try {
    const result = await importFocusBill(
      { text: decodeUpload(await readInputFile(program.args[0])), month, allowEmpty: allowEmpty === true },
      osActor(),
    );
    const total = result.registries.reduce((sum, r) => sum + BigInt(r.billedMicros), 0n);
    if (result.registries.length === 0) {
      process.stdout.write(
        `Imported ${result.month}: nothing billed; removed the month's billed amounts of ${result.replacedRegistries} registries.\n`,
      );
      return 0;
    }
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

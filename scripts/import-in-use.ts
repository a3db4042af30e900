/**
 * npm run import-in-use -- --cluster NAME [--allow-empty] FILE|-
 * Stores the images a cluster runs, from `kubectl get pods -A -o json` output or a list of image
 * references (one a line), replacing that cluster's previous import. Prints a one-line summary;
 * exit 2 on bad input with the message naming what was wrong, and on a file without any image
 * reference unless --allow-empty. The audit log names the OS user running it (via "cli").
 */
import { Command, Option } from "commander";
import { osActor } from "../lib/audit/server/os-actor";
import { closeDb } from "../lib/db";
import type { InUseFormat } from "../lib/in-use/parse";
import { decodeUpload } from "../lib/in-use/decode-upload";
import { importInUseImages } from "../lib/in-use/server/import-in-use";
import { parseArgs, readInputFile, runCli } from "./cli";

const program = new Command("import-in-use")
  .description(
    "Import the images a Kubernetes cluster runs (kubectl get pods -A -o json, or a list of image references)",
  )
  .requiredOption("--cluster <name>", "the cluster's name; a re-import under the same name replaces the previous one")
  .addOption(
    new Option("--format <format>", "input format (default: JSON when the file starts with { or [)").choices([
      "json",
      "text",
    ]),
  )
  .option("--allow-empty", "store a file without any image reference (the cluster runs nothing); refused otherwise")
  .argument("<file>", "the file to read, or - for stdin")
  .exitOverride();

async function main(): Promise<number> {
  const parsed = parseArgs(program);
  if (parsed !== null) return parsed;
  const { cluster, format, allowEmpty } = program.opts<{
    cluster: string;
    format?: InUseFormat;
    allowEmpty?: boolean;
  }>();
  try {
    const body = decodeUpload(await readInputFile(program.args[0]));
    const result = await importInUseImages({ cluster, body, format, allowEmpty: allowEmpty === true }, osActor());
    process.stdout.write(
      `Imported ${result.references} distinct image references (${result.acrReferences} to ACR) from ${result.images} ` +
        `${result.sourceKind === "kubernetes" ? "containers" : "lines"} for cluster ${result.cluster}` +
        `${result.replaced ? ", replacing its previous import" : ""}.\n`,
    );
    return 0;
  } finally {
    await closeDb();
  }
}

await runCli(main);

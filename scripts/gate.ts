/**
 * npm run gate -- --image <login-server>/<repository>:<tag> [--max-growth 10%] [--baseline median:5|previous] [--json]
 *   [--url https://ledger.example.com [--token <JWT>]]
 * The size gate for pipelines: reads the image live from its registry and compares each platform's
 * size with the baseline of the earlier images in the inventory. Prints a one-line verdict (with
 * --json, the verdict as one JSON object instead). Exit 0 pass (also with no baseline), 1 the image
 * grew past the threshold, 2 on error (bad option, unknown registry, tag not found, registry down).
 * With the simulator as the source, it runs its own simulator (see lib/image-size/server/gate-source.ts).
 * With --url it asks a running instance instead (GET <url>/api/gate), sending --token or
 * REGISTRY_LEDGER_TOKEN as a bearer token, and prints and exits the same way.
 * The hook must be registered before the server reads load, hence the dynamic imports below.
 */
import "./server-only-hook";

const { Command } = await import("commander");
const { closeDb } = await import("@/lib/db");
const { getEnv } = await import("@/lib/env");
const { openGateSource } = await import("@/lib/image-size/server/gate-source");
const { openOwnSimulatorGateSource } = await import("@/lib/image-size/server/own-simulator-source");
const { runGate } = await import("@/lib/image-size/server/run-gate");
const { remoteGate } = await import("@/lib/image-size/remote-gate");
const { parseArgs, runCli } = await import("./cli");

const program = new Command("gate")
  .description(
    "Fail when an image grew past the threshold against the earlier images of its repository and architecture",
  )
  .requiredOption("--image <reference>", "<login-server>/<repository>:<tag> (or @<digest>)")
  .option("--max-growth <percent>", "growth above this fails: 10% (default) or 10; a bare number is percent")
  .option("--baseline <kind>", "median:N (median of the previous N images, default median:5) or previous")
  .option("--json", "print the verdict as one JSON object")
  .option("--url <url>", "ask a running Registry Ledger (its base URL) instead of reading the inventory here")
  .option("--token <jwt>", "bearer token sent to --url (default: REGISTRY_LEDGER_TOKEN)")
  .exitOverride();

async function main(): Promise<number> {
  const parsed = parseArgs(program);
  if (parsed !== null) return parsed;
  const opts = program.opts<{
    image: string;
    maxGrowth?: string;
    baseline?: string;
    json?: boolean;
    url?: string;
    token?: string;
  }>();
  const env = getEnv();
  const input = { image: opts.image, maxGrowth: opts.maxGrowth, baseline: opts.baseline };
  if (opts.url) {
    const verdict = await remoteGate(opts.url, input, opts.token ?? env.remoteToken);
    process.stdout.write(`${opts.json ? JSON.stringify(verdict) : verdict.message}\n`);
    return verdict.verdict === "fail" ? 1 : 0;
  }
  const source = (await openGateSource(env)) ?? (await openOwnSimulatorGateSource(env));
  try {
    const verdict = await runGate(input, source);
    process.stdout.write(`${opts.json ? JSON.stringify(verdict) : verdict.message}\n`);
    return verdict.verdict === "fail" ? 1 : 0;
  } finally {
    await source.close();
    await closeDb();
  }
}

await runCli(main);

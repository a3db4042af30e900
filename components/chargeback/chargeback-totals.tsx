import { CostKindStat } from "@/components/costs/cost-kind-stat";
import { Money } from "@/components/ui/money";
import type { ChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";

/** The month's total (what the teams' lines and the CSV's BilledCost add up to) and its split by cost kind. */
export function ChargebackTotals({ view }: { view: ChargebackMonth }) {
  return (
    <div className="stats" data-testid="chargeback-totals">
      <div className="stat">
        <div className="stat-label">
          Total {view.month}
          {view.scaleToBilled ? " (scaled to billed)" : ""}
        </div>
        <div className="stat-value">
          <Money micros={view.totalMicros} currency={view.currency} testId="chargeback-total" />
        </div>
        <div className="muted small">
          {view.byTeam.length} {view.byTeam.length === 1 ? "team" : "teams"} · {view.byRegistry.length} registries · to{" "}
          {view.coveredUntil}
        </div>
      </div>
      {view.byKind.map((k) => (
        <CostKindStat
          key={k.kind}
          kind={k.kind}
          micros={k.micros}
          currency={view.currency}
          testId="chargeback-kind-total"
        />
      ))}
    </div>
  );
}

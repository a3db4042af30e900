import Link from "next/link";
import { COST_KIND_LABELS } from "@/components/costs/cost-kind-labels";
import { Money } from "@/components/costs/money";
import { teamHref } from "@/components/teams/team-urls";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { ChargebackMonth } from "@/lib/queries/chargeback/get-chargeback-month";

/** This month against the previous one, by cost kind, and the teams whose charge moved most. */
export function ChargebackComparisonPanel({ view }: { view: ChargebackMonth }) {
  const currency = view.currency;
  return (
    <Panel title={`Against ${view.previousMonth}`} testId="chargeback-comparison">
      <table className="table compact">
        <thead>
          <tr>
            <th></th>
            <th className="right">{view.previousMonth}</th>
            <th className="right">{view.month}</th>
            <th className="right">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr className="strong">
            <td>Total</td>
            <td className="right"><Money micros={view.previousTotalMicros} currency={currency} /></td>
            <td className="right"><Money micros={view.totalMicros} currency={currency} /></td>
            <td className="right"><Money micros={(BigInt(view.totalMicros) - BigInt(view.previousTotalMicros)).toString()} currency={currency} testId="chargeback-delta" /></td>
          </tr>
          {view.byKind.map((k) => (
            <tr key={k.kind}>
              <td>{COST_KIND_LABELS[k.kind]}</td>
              <td className="right"><Money micros={k.previousMicros} currency={currency} /></td>
              <td className="right"><Money micros={k.micros} currency={currency} /></td>
              <td className="right"><Money micros={k.deltaMicros} currency={currency} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="subheading">Top movers</h3>
      {view.movers.length === 0 ? (
        <EmptyState>No team&apos;s charge changed.</EmptyState>
      ) : (
        <table className="table compact" data-testid="chargeback-movers">
          <tbody>
            {view.movers.map((m) => (
              <tr key={m.team} data-testid="chargeback-mover" data-team={m.team}>
                <td><Link href={teamHref(m.team, view.month)}>{m.team}</Link></td>
                <td className="right"><Money micros={m.previousMicros} currency={currency} /></td>
                <td className="right"><Money micros={m.micros} currency={currency} /></td>
                <td className="right strong"><Money micros={m.deltaMicros} currency={currency} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">Both months are allocated with today&apos;s rules. A running month counts to today; the previous month counts whole.</p>
    </Panel>
  );
}

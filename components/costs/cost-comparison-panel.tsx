import Link from "next/link";
import { EmptyState, Panel } from "@/components/ui/panel";
import { compareCostMonths } from "@/lib/queries/costs/compare-cost-months";
import { COST_KIND_LABELS } from "./cost-kind-labels";
import { registryCostsHref } from "./cost-urls";
import { Money } from "./money";

/** This month against the previous one: totals, kinds, and the registries that moved most. */
export async function CostComparisonPanel({ month }: { month: string }) {
  const c = await compareCostMonths({ month });
  const currency = c.currency;
  return (
    <Panel title={`Against ${c.previousMonth}`} testId="cost-comparison">
      <table className="table compact">
        <thead>
          <tr>
            <th></th>
            <th className="right">{c.previousMonth}</th>
            <th className="right">{c.month}</th>
            <th className="right">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr className="strong">
            <td>Total</td>
            <td className="right"><Money micros={c.previousMicros} currency={currency} /></td>
            <td className="right"><Money micros={c.currentMicros} currency={currency} /></td>
            <td className="right"><Money micros={c.deltaMicros} currency={currency} testId="cost-delta" /></td>
          </tr>
          {c.byKind.map((k) => (
            <tr key={k.kind}>
              <td>{COST_KIND_LABELS[k.kind]}</td>
              <td className="right"><Money micros={k.previousMicros} currency={currency} /></td>
              <td className="right"><Money micros={k.currentMicros} currency={currency} /></td>
              <td className="right"><Money micros={k.deltaMicros} currency={currency} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="subheading">Top movers</h3>
      {c.movers.length === 0 ? (
        <EmptyState>No registry&apos;s cost changed.</EmptyState>
      ) : (
        <table className="table compact" data-testid="cost-movers">
          <tbody>
            {c.movers.map((m) => (
              <tr key={`${m.subscriptionId}/${m.name}`} data-testid="cost-mover" data-registry={m.name}>
                <td><Link href={registryCostsHref(m.name, c.month)}>{m.name}</Link></td>
                <td className="right"><Money micros={m.previousMicros} currency={currency} /></td>
                <td className="right"><Money micros={m.currentMicros} currency={currency} /></td>
                <td className="right strong"><Money micros={m.deltaMicros} currency={currency} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">A running month counts to today; the previous month counts whole.</p>
    </Panel>
  );
}

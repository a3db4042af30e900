import Link from "next/link";
import { registryCostsHref } from "@/components/costs/cost-urls";
import { Money } from "@/components/costs/money";
import { EmptyState, Panel } from "@/components/ui/panel";
import { BilledUploadForm } from "./billed-upload-form";
import type { ChargebackMonthView } from "./chargeback-view";

/** Per registry: our estimate beside the bill imported from a FOCUS export, and what the teams are charged. */
export function ChargebackRegistriesPanel({ view }: { view: ChargebackMonthView }) {
  return (
    <Panel title="By registry: estimated vs billed" testId="chargeback-registries">
      {view.registries.length === 0 ? (
        <EmptyState>No registry has cost in {view.month}.</EmptyState>
      ) : (
        <table className="table compact" data-testid="chargeback-registries-table">
          <thead>
            <tr>
              <th>Registry</th>
              <th className="right" title="From the daily snapshots and the pricing table">Estimated</th>
              <th className="right" title="Σ BilledCost of the imported FOCUS rows whose ResourceId is this registry's">Billed</th>
              <th className="right">Billed − estimated</th>
              <th className="right" title="What the team lines of this registry sum to on this page">Charged</th>
            </tr>
          </thead>
          <tbody>
            {view.registries.map((r) => (
              <tr key={`${r.subscriptionId}/${r.registry}`} data-testid="chargeback-registry-row" data-registry={r.registry}>
                <td><Link href={registryCostsHref(r.registry, view.month)}>{r.registry}</Link></td>
                <td className="right"><Money micros={r.estimatedMicros} currency={view.currency} testId="chargeback-registry-estimated" /></td>
                <td className="right">
                  {r.billedMicros === null ? <span className="muted" data-testid="chargeback-registry-billed">not imported</span> : <Money micros={r.billedMicros} currency={view.currency} testId="chargeback-registry-billed" />}
                </td>
                <td className="right">{r.billedMicros === null ? "—" : <Money micros={(BigInt(r.billedMicros) - BigInt(r.estimatedMicros)).toString()} currency={view.currency} />}</td>
                <td className="right strong"><Money micros={r.shownMicros} currency={view.currency} testId="chargeback-registry-total" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="subheading">Import the bill</h3>
      <BilledUploadForm month={view.month} />
      <p className="muted small">
        Rows are matched to registries by ResourceId (case-insensitive); re-importing a month replaces it. Tick
        &ldquo;Scale to billed&rdquo; above to charge teams the billed amounts, split as estimated.
      </p>
    </Panel>
  );
}

import Link from "next/link";
import { registryCostsHref } from "@/components/costs/cost-urls";
import { Money } from "@/components/ui/money";
import { EmptyState, Panel } from "@/components/ui/panel";
import { comparedLabels } from "@/components/ui/compared-days-labels";
import { BilledUploadForm } from "./billed-upload-form";
import type { ChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";

/** Per registry: our estimate beside the bill imported from a FOCUS export, and what the teams are charged. */
export function ChargebackRegistriesPanel({ view }: { view: ChargebackMonth }) {
  return (
    <Panel title="By registry: estimated vs billed" testId="chargeback-registries">
      {view.byRegistry.length === 0 ? (
        <EmptyState>No registry has cost in {view.month}.</EmptyState>
      ) : (
        <table className="table compact" data-testid="chargeback-registries-table">
          <caption className="sr-only">By registry: estimated vs billed, {view.month}</caption>
          <thead>
            <tr>
              <th scope="col">Registry</th>
              <th scope="col" className="right" title="From the daily snapshots and the pricing table">
                Estimated
              </th>
              <th
                scope="col"
                className="right"
                title="Σ BilledCost of the imported FOCUS rows whose ResourceId is this registry's"
              >
                Billed
              </th>
              <th
                scope="col"
                className="right"
                title="What the team lines of this registry sum to on this page: the bill when scaled, else the estimate"
              >
                Charged
              </th>
              <th scope="col" className="right">
                {comparedLabels(view.compared).previous}
              </th>
              <th scope="col" className="right">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {view.byRegistry.map((r) => (
              <tr
                key={r.resourceId}
                data-testid="chargeback-registry-row"
                data-registry={r.registry}
                data-resource-id={r.resourceId}
              >
                <td>
                  <Link href={registryCostsHref(r.registry, view.month)}>{r.registry}</Link>
                </td>
                <td className="right">
                  <Money micros={r.estimatedMicros} currency={view.currency} testId="chargeback-registry-estimated" />
                </td>
                <td className="right">
                  {r.billedMicros === null ? (
                    <span className="muted" data-testid="chargeback-registry-billed">
                      not imported
                    </span>
                  ) : (
                    <Money micros={r.billedMicros} currency={view.currency} testId="chargeback-registry-billed" />
                  )}
                </td>
                <td className="right strong" data-scaled={r.scaled ? "true" : "false"}>
                  <Money micros={r.micros} currency={view.currency} testId="chargeback-registry-total" />
                  {r.scaled ? (
                    <span className="badge badge-info" style={{ marginLeft: 4 }}>
                      scaled
                    </span>
                  ) : null}
                </td>
                <td className="right">
                  <Money micros={r.previousMicros} currency={view.currency} />
                </td>
                <td className="right">
                  <Money micros={r.deltaMicros} currency={view.currency} />
                </td>
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

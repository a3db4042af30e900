import Link from "next/link";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import { COST_KINDS } from "@/lib/costs/types";
import type { CostMonthSummary } from "@/lib/costs/server/get-cost-month";
import { COST_KIND_HINTS, COST_KIND_LABELS } from "../ui/cost-kind-labels";
import { costsCsvHref, registryCostsHref } from "./cost-urls";
import { Money } from "../ui/money";

/** One row per registry: S beside Azure's reported usage and the gap, then the five kinds and the total. */
export function CostRegistriesTable({ summary }: { summary: CostMonthSummary }) {
  const currency = summary.pricing.currency;
  const csv = (
    <a className="button secondary" href={costsCsvHref(summary.month)} download data-testid="download-costs-csv">
      Download CSV
    </a>
  );
  return (
    <Panel title="By registry" actions={csv} testId="cost-registries">
      {summary.registries.length === 0 ? (
        <EmptyState>No registry has a snapshot by {summary.coveredUntil}.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table compact" data-testid="cost-registries-table">
            <caption className="sr-only">Cost by registry, {summary.month}</caption>
            <thead>
              <tr>
                <th scope="col">Registry</th>
                <th scope="col">SKU</th>
                <th scope="col" className="right">
                  Days
                </th>
                <th
                  scope="col"
                  className="right"
                  title="Distinct blob bytes (S) on the latest day covered: what storage is priced on"
                >
                  Stored (S)
                </th>
                <th scope="col" className="right" title="Azure's reported Size usage on that day">
                  Reported usage
                </th>
                <th scope="col" className="right" title="Reported usage − S">
                  Gap
                </th>
                {COST_KINDS.map((kind) => (
                  <th scope="col" key={kind} className="right" title={COST_KIND_HINTS[kind]}>
                    {COST_KIND_LABELS[kind]}
                  </th>
                ))}
                <th scope="col" className="right">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.registries.map((r) => (
                <tr
                  key={`${r.subscriptionId}/${r.name}`}
                  data-testid="cost-registry-row"
                  data-registry={r.name}
                  data-subscription={r.subscriptionId}
                >
                  <td>
                    <Link href={registryCostsHref(r.name, summary.month)} data-testid="cost-registry-link">
                      {r.name}
                    </Link>
                  </td>
                  <td>{r.sku}</td>
                  <td className="right num">{r.days}</td>
                  <td className="right">
                    <Bytes value={r.storedBytes} />
                  </td>
                  <td className="right">
                    <Bytes value={r.reportedUsageBytes} />
                  </td>
                  <td className="right">
                    <Bytes value={r.usageGapBytes} />
                  </td>
                  {r.lines.map((line) => (
                    <td
                      key={line.kind}
                      className="right"
                      data-testid="cost-line"
                      data-kind={line.kind}
                      title={`${line.quantity} ${line.unit}`}
                    >
                      <Money micros={line.costMicros} currency={currency} />
                    </td>
                  ))}
                  <td className="right strong">
                    <Money micros={r.totalMicros} currency={currency} testId="cost-registry-total" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

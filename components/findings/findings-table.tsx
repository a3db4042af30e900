import Link from "next/link";
import { Money } from "@/components/ui/money";
import { registryHref } from "@/components/storage/registry-urls";
import { EmptyState } from "@/components/ui/panel";
import { listFindings, type FindingFilter } from "@/lib/findings/server/list-findings";

const SEVERITY_TONE = { high: "bad", medium: "warn", low: "info", info: "muted" } as const;

export async function FindingsTable({ filter }: { filter: FindingFilter }) {
  const findings = await listFindings(filter);
  if (findings.rows.length === 0) return <EmptyState>No findings match these filters.</EmptyState>;
  return (
    <>
      <div className="table-scroll">
        <table className="table" data-testid="findings-table" data-count={findings.rows.length}>
          <caption className="sr-only">Findings: what to change and what it saves a month</caption>
          <thead>
            <tr>
              <th scope="col">Registry</th>
              <th scope="col">Finding</th>
              <th scope="col">Severity</th>
              <th scope="col">Evidence</th>
              <th scope="col" className="right">
                Monthly saving
              </th>
            </tr>
          </thead>
          <tbody>
            {findings.rows.map((f) => (
              <tr
                key={`${f.registry}/${f.code}`}
                data-testid="finding-row"
                data-registry={f.registry}
                data-code={f.code}
                data-title={f.title}
                data-severity={f.severity}
              >
                <td>
                  <Link href={registryHref(f.registry)}>{f.registry}</Link>
                </td>
                <td className="strong">{f.title}</td>
                <td>
                  <span className={`badge badge-${SEVERITY_TONE[f.severity]}`}>{f.severity}</span>
                </td>
                <td className="message">{f.evidence}</td>
                <td className="right">
                  {f.monthlySavingMicros === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <Money micros={f.monthlySavingMicros} currency={findings.currency} testId="finding-saving" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Savings are per full month of {findings.month} at current prices and stored bytes. Savings of one
        registry&apos;s findings are alternatives (two ways to downgrade the same registry), not a sum.
      </p>
    </>
  );
}

import { COST_KIND_LABELS } from "@/components/ui/cost-kind-labels";
import { Money } from "@/components/ui/money";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { RunningForecastView } from "@/lib/forecast/server/get-running-forecast";
import { ForecastTable } from "./forecast-table";
import { forecastCsvHref } from "./forecast-urls";

/** The running month's forecast for the whole month; nothing for a complete month (its actual is the month). */
export async function ForecastPanel({ forecast }: { forecast: Promise<RunningForecastView | null> }) {
  const view = await forecast;
  if (view === null) return null;
  const csv = (
    <a className="button secondary" href={forecastCsvHref(view.month)} download data-testid="download-forecast-csv">
      Download forecast CSV
    </a>
  );
  return (
    <Panel title={`Forecast for ${view.month}`} actions={csv} testId="forecast">
      <p className="muted small" data-testid="forecast-method">
        {view.method}
      </p>
      <p className="muted small" data-testid="forecast-days" data-days={view.daysCovered} data-as-of={view.asOf}>
        From days 1–{view.daysCovered} of {view.daysInMonth} (to {view.asOf}), allocated to teams by the stored rules;
        an estimate, never scaled to a bill.
      </p>
      {view.lines.length === 0 ? (
        <EmptyState>No cost in {view.month} yet: nothing to forecast.</EmptyState>
      ) : (
        <>
          <div className="stats" data-testid="forecast-totals">
            <div className="stat">
              <div className="stat-label">Actual to {view.asOf}</div>
              <div className="stat-value">
                <Money micros={view.total.actualToDate} currency={view.currency} testId="forecast-total-actual" />
              </div>
            </div>
            <div className="stat">
              <div className="stat-label">Forecast for the month</div>
              <div className="stat-value">
                <Money micros={view.total.forecast} currency={view.currency} testId="forecast-total" />
              </div>
            </div>
          </div>
          <div className="grid-2">
            <ForecastTable
              caption={`Forecast by team, ${view.month}`}
              heading="Team"
              rows={view.byTeam.map((t) => ({ key: t.team, label: t.team, ...t }))}
              currency={view.currency}
              testId="forecast-by-team"
            />
            <ForecastTable
              caption={`Forecast by registry, ${view.month}`}
              heading="Registry"
              rows={view.byRegistry.map((r) => ({ key: r.registry, label: r.registry, ...r }))}
              currency={view.currency}
              testId="forecast-by-registry"
            />
          </div>
          <ForecastTable
            caption={`Forecast by cost kind, ${view.month}`}
            heading="Cost kind"
            rows={view.byKind.map((k) => ({ key: k.kind, label: COST_KIND_LABELS[k.kind], ...k }))}
            currency={view.currency}
            testId="forecast-by-kind"
          />
          <details>
            <summary className="muted small">Per team, registry and cost kind ({view.lines.length} lines)</summary>
            <ForecastTable
              caption={`Forecast per team, registry and cost kind, ${view.month}`}
              heading="Team · registry · cost kind"
              rows={view.lines.map((l) => ({
                key: JSON.stringify([l.team, l.registry, l.kind]),
                label: `${l.team} · ${l.registry} · ${COST_KIND_LABELS[l.kind]}`,
                ...l,
              }))}
              currency={view.currency}
              testId="forecast-lines"
            />
          </details>
        </>
      )}
    </Panel>
  );
}

import { COST_KIND_LABELS } from "@/components/ui/cost-kind-labels";
import { Money } from "@/components/ui/money";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import type { TeamDetail } from "@/lib/chargeback/server/get-team-detail";

/** The team's month at a glance: cost by kind, the storage it owns, its repositories. */
export function TeamSummary({ detail }: { detail: TeamDetail }) {
  return (
    <div className="stats" data-testid="team-summary">
      <div className="stat">
        <div className="stat-label">Cost {detail.month}</div>
        <div className="stat-value">
          <Money micros={detail.totalMicros} currency={detail.currency} testId="team-total" />
        </div>
        <div className="muted small">
          {detail.byKind.map((k) => (
            <span key={k.kind} data-testid="team-kind" data-kind={k.kind} style={{ display: "block" }}>
              {COST_KIND_LABELS[k.kind]} <Money micros={k.micros} currency={detail.currency} />
            </span>
          ))}
        </div>
      </div>
      <div className="stat">
        <div className="stat-label">Attributed storage</div>
        <div className="stat-value">
          <Bytes value={detail.attributedBytes} testId="team-attributed-bytes" />
        </div>
      </div>
      <div className="stat">
        <div className="stat-label">Repositories</div>
        <div className="stat-value">
          <Count value={detail.repositories.length} testId="team-repository-count" />
        </div>
      </div>
    </div>
  );
}

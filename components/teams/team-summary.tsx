import { COST_KIND_LABELS } from "@/components/costs/cost-kind-labels";
import { Money } from "@/components/costs/money";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import type { TeamDetail } from "@/lib/queries/chargeback/get-team-detail";

/** The team's month at a glance: cost, storage it owns, repositories, what a cleanup would free. */
export function TeamSummary({ detail }: { detail: TeamDetail }) {
  return (
    <div className="stats" data-testid="team-summary">
      <div className="stat">
        <div className="stat-label">Cost {detail.month}</div>
        <div className="stat-value"><Money micros={detail.totalMicros} currency={detail.currency} testId="team-total" /></div>
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
        <div className="stat-value"><Bytes value={detail.attributedBytes} testId="team-attributed-bytes" /></div>
      </div>
      <div className="stat">
        <div className="stat-label">Repositories</div>
        <div className="stat-value"><Count value={detail.repositories.length} testId="team-repository-count" /></div>
      </div>
      <div className="stat">
        <div className="stat-label">Reclaimable by cleanup</div>
        <div className="stat-value"><Bytes value={detail.cleanup.reclaimableBytes} testId="team-reclaimable-bytes" /></div>
        <div className="muted small" data-testid="team-stale-tags" data-value={detail.cleanup.staleTags}>
          {detail.cleanup.staleTags} stale tags as of {detail.cleanup.asOf.slice(0, 10)}; counts registries where every delete is the team&apos;s
        </div>
      </div>
    </div>
  );
}

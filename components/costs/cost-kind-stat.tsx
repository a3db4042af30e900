import type { CostKind } from "@/lib/costs/types";
import { COST_KIND_HINTS, COST_KIND_LABELS } from "../ui/cost-kind-labels";
import { Money } from "../ui/money";

/** One cost kind's amount as a stat tile, with the kind's hint on hover. */
export function CostKindStat({
  kind,
  micros,
  currency,
  testId,
}: {
  kind: CostKind;
  micros: string;
  currency: string;
  testId: string;
}) {
  return (
    <div className="stat" title={COST_KIND_HINTS[kind]} data-testid={testId} data-kind={kind}>
      <div className="stat-label">{COST_KIND_LABELS[kind]}</div>
      <div className="stat-value">
        <Money micros={micros} currency={currency} />
      </div>
    </div>
  );
}

import { Money } from "@/components/ui/money";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState } from "@/components/ui/panel";
import { describeError, isLedgerError } from "@/lib/errors";
import { getReplicationWhatIf, type WhatIfParams, type WhatIfSide } from "@/lib/costs/server/get-replication-what-if";

function Side({
  title,
  side,
  currency,
  testId,
}: {
  title: string;
  side: WhatIfSide;
  currency: string;
  testId: string;
}) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-label">{title}</div>
      <div className="stat-value">
        <Money micros={side.monthlyMicros} currency={currency} />
      </div>
      <div className="muted small">
        {side.sku}
        {side.replicas > 0 ? ` with ${side.replicas} replicas` : ""} · {side.repositories.length} repositories ·{" "}
        <Bytes value={side.storedBytes} />
      </div>
      {side.repositories.length > 0 ? (
        <details className="small">
          <summary>repositories</summary>
          {side.repositories.join(", ")}
        </details>
      ) : null}
    </div>
  );
}

export async function WhatIfResult({ params }: { params: WhatIfParams }) {
  // A glob over the limits or of a refused kind (typed in or from the registry's tag) is named, not a page error.
  const w = await getReplicationWhatIf(params).catch((error: unknown) => {
    if (isLedgerError(error, "validation")) return describeError(error);
    throw error;
  });
  if (typeof w === "string") return <EmptyState>{w}</EmptyState>;
  if (!w) return <EmptyState>No current registry named {params.registry}.</EmptyState>;
  return (
    <section className="stack" data-testid="what-if-result">
      <h2>
        What-if for {w.registry} ({w.sku})
      </h2>
      <p className="muted small" data-testid="what-if-patterns-used">
        {w.source === "tag"
          ? w.tagValue === null
            ? `The registry carries no tag "${w.tag}": no repository counts as global.`
            : `Global patterns from the registry's tag "${w.tag}" = "${w.tagValue}".`
          : w.patterns.length === 0
            ? "No pattern given: no repository counts as global."
            : `Global patterns: ${w.patterns.join(", ")}.`}
      </p>
      <div className="stats">
        <div className="stat" data-testid="what-if-current">
          <div className="stat-label">Today, per month</div>
          <div className="stat-value">
            <Money micros={w.currentMicros} currency={w.currency} />
          </div>
        </div>
        <Side
          title="Global subset → Premium with the replicas"
          side={w.global}
          currency={w.currency}
          testId="what-if-global"
        />
        <Side title="The rest → cheapest SKU that fits" side={w.rest} currency={w.currency} testId="what-if-rest" />
        <div className="stat" data-testid="what-if-saving">
          <div className="stat-label">Monthly saving</div>
          <div className="stat-value">
            <Money micros={w.monthlySavingMicros} currency={w.currency} testId="what-if-saving-value" />
          </div>
        </div>
      </div>
      <p className="muted small">
        Full month of {w.month}, tasks excluded. Each side&apos;s size is the sum of its repositories&apos; attributed
        bytes; layers the two sides share would be stored by both, so the proposal is an estimate, slightly low when
        they share layers. A tag on the registry names its global repositories as comma-separated patterns in its value,
        e.g. <code>{w.tag}=base/*,team/**</code>.
      </p>
    </section>
  );
}

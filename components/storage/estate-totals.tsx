import Link from "next/link";
import type { ReactNode } from "react";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { getEstateOverview } from "@/lib/storage/server/get-estate-overview";

export async function EstateTotals() {
  const overview = await getEstateOverview();
  return (
    <div className="stats" data-testid="estate-totals">
      <Stat label="Registries" href="/registries">
        <Count value={overview.registryCount} testId="total-registries" />
      </Stat>
      <Stat label="Repositories" href="/repositories">
        <Count value={overview.repositoryCount} testId="total-repositories" />
      </Stat>
      <Stat label="Manifests">
        <Count value={overview.manifestCount} testId="total-manifests" />
      </Stat>
      <Stat label="Tags">
        <Count value={overview.tagCount} testId="total-tags" />
      </Stat>
      <Stat label="Stored (distinct blobs)">
        <Bytes value={overview.storedBytes} testId="total-stored-bytes" />
      </Stat>
      <Stat label="Last sync" href="/sync">
        {overview.lastSync ? (
          <span className="stat-sync">
            <StatusBadge status={overview.lastSync.status} testId="last-sync-status" />
            <DateTime iso={overview.lastSync.finishedAt ?? overview.lastSync.startedAt} />
          </span>
        ) : (
          <span className="muted" data-testid="last-sync-status">
            never
          </span>
        )}
      </Stat>
    </div>
  );
}

function Stat({ label, href, children }: { label: string; href?: string; children: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{href ? <Link href={href}>{label}</Link> : label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}

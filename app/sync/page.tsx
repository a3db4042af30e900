import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { LastVerification } from "@/components/sync/last-verification";
import { SyncErrors } from "@/components/sync/sync-errors";
import { SyncLiveStatus } from "@/components/sync/sync-live-status";
import { SyncNowButton } from "@/components/sync/sync-now-button";
import { SyncRunsTable } from "@/components/sync/sync-runs-table";
import { Panel } from "@/components/ui/panel";
import { SkeletonPanel, SkeletonRows } from "@/components/ui/skeleton";
import { getSyncStatus } from "@/lib/sync/get-sync-status";
import { firstValues, pageSchema, parseInput, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Sync" };

async function SyncStatusPanels() {
  await connection();
  const status = await getSyncStatus();
  return (
    <div className="grid-2">
      <Panel title="Current sync" actions={<SyncNowButton />} testId="sync-current">
        <SyncLiveStatus initial={status} />
      </Panel>
      <Panel title={status.latest ? `Errors of run #${status.latest.id}` : "Errors"}>
        <SyncErrors run={status.latest} />
      </Panel>
    </div>
  );
}

export default async function SyncPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  await authorizePage({ action: "read" });
  const page = parseInput(pageSchema.catch(1), firstValues(await searchParams).page);
  return (
    <>
      <h1>Sync</h1>
      <Suspense fallback={<SkeletonPanel title="Current sync" rows={3} />}>
        <SyncStatusPanels />
      </Suspense>
      <Panel title="Last verification" testId="sync-verification">
        <Suspense fallback={<SkeletonRows rows={5} />}>
          <LastVerification />
        </Suspense>
      </Panel>
      <Panel title="History">
        <Suspense key={page} fallback={<SkeletonRows rows={10} />}>
          <SyncRunsTable page={page} />
        </Suspense>
      </Panel>
    </>
  );
}

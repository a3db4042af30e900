import { authorizePage } from "@/lib/auth/server/authorize-page";
import { connection } from "next/server";
import { Suspense } from "react";
import { EstateTotals } from "@/components/storage/estate-totals";
import { StoredBytesPanel } from "@/components/storage/stored-bytes-panel";
import { TopRepositoriesPanel } from "@/components/storage/top-repositories-panel";
import { SkeletonPanel, SkeletonStats } from "@/components/ui/skeleton";

export default async function OverviewPage() {
  await authorizePage({ action: "read" });
  // The inventory changes with every sync: render per request, never at build time.
  await connection();
  return (
    <>
      <h1>Estate overview</h1>
      <Suspense fallback={<SkeletonStats count={6} />}>
        <EstateTotals />
      </Suspense>
      <div className="grid-2">
        <Suspense fallback={<SkeletonPanel title="Stored bytes by registry" rows={8} />}>
          <StoredBytesPanel />
        </Suspense>
        <Suspense fallback={<SkeletonPanel title="Largest repositories (attributed)" rows={10} />}>
          <TopRepositoriesPanel />
        </Suspense>
      </div>
    </>
  );
}

import { authorizePage } from "@/lib/auth/server/authorize-page";
import Link from "next/link";
import { connection } from "next/server";
import { Suspense } from "react";
import { teamHref } from "@/components/chargeback/team-urls";
import { EstateTotals } from "@/components/storage/estate-totals";
import { StoredBytesPanel } from "@/components/storage/stored-bytes-panel";
import { TopRepositoriesPanel } from "@/components/storage/top-repositories-panel";
import { Panel } from "@/components/ui/panel";
import { SkeletonPanel, SkeletonStats } from "@/components/ui/skeleton";

export default async function OverviewPage() {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  // The inventory changes with every sync: render per request, never at build time.
  await connection();
  if (access.kind === "teams") {
    // A team member's overview: its teams instead of the estate's totals, which are not its to read.
    return (
      <>
        <h1>Your teams</h1>
        <div className="grid-2">
          <Panel title="Team pages" testId="my-teams">
            <ul>
              {access.teams.map((team) => (
                <li key={team}>
                  <Link href={teamHref(team)} data-testid="my-team-link" data-team={team}>
                    {team}
                  </Link>
                </li>
              ))}
            </ul>
          </Panel>
          <Suspense fallback={<SkeletonPanel title="Largest repositories (attributed)" rows={10} />}>
            <TopRepositoriesPanel access={access} />
          </Suspense>
        </div>
      </>
    );
  }
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
          <TopRepositoriesPanel access={access} />
        </Suspense>
      </div>
    </>
  );
}

import Link from "next/link";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import { teamHref } from "@/components/chargeback/team-urls";
import { PlanCountCells, PlanCountHeaders } from "./plan-count-columns";
import { Panel } from "@/components/ui/panel";
import type { CleanupPlanSummary } from "@/lib/stale/server/summarize-cleanup-plan";

/** The plan by owning team (ownership rules and registry team tags); hidden while no team owns anything. */
export async function StaleTeamsTable({ summary }: { summary: Promise<CleanupPlanSummary> }) {
  const { teams } = await summary;
  if (teams.length === 0) return null;
  return (
    <Panel title="By team" testId="stale-teams">
      <div className="table-scroll">
        <table className="table compact" data-testid="stale-teams-table">
          <caption className="sr-only">Cleanup plan by team</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" className="right">
                Repositories
              </th>
              <PlanCountHeaders />
              <th
                scope="col"
                className="right"
                title="Own sizes of the deleted manifests; layers shared with kept images are not freed"
              >
                Deleted manifests&apos; size
              </th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.team} data-testid="stale-team-row" data-team={t.team}>
                <td className="strong">
                  <Link href={teamHref(t.team)}>{t.team}</Link>
                </td>
                <td className="right">
                  <Count value={t.repositories} />
                </td>
                <PlanCountCells counts={t} manifestsTestId="team-manifests-deleted" />
                <td className="right">
                  <Bytes value={t.deletedManifestBytes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Ownership as on the Teams page. Reclaimable bytes are per registry (a layer is freed only when no kept image
        uses it), so teams show their deleted manifests&apos; own sizes.
      </p>
    </Panel>
  );
}

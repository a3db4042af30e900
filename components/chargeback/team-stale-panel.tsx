import Link from "next/link";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { TeamDetail } from "@/lib/chargeback/server/get-team-detail";

type TeamCleanup = TeamDetail["cleanup"];

/** The stale page has no team filter: each registry links to the plan filtered to that registry, same day. */
function staleRegistryHref(registry: string, asOfIso: string): string {
  return `/stale?${new URLSearchParams({ "as-of": asOfIso.slice(0, 10), registry }).toString()}`;
}

/**
 * What the cleanup plan in effect would remove from the team's repositories, and what that frees.
 * Takes the cleanup part alone so a page can stream it (getTeamCleanup) behind its own boundary.
 */
export function TeamStalePanel({ team, cleanup }: { team: string; cleanup: TeamCleanup }) {
  return (
    <Panel title={`Stale tags as of ${cleanup.asOf.slice(0, 10)}`} testId="team-stale">
      <p style={{ marginTop: 0 }}>
        <span className="num" data-testid="team-stale-tags" data-value={cleanup.staleTags}>
          {cleanup.staleTags}
        </span>{" "}
        stale tags · {cleanup.manifestsDeleted} manifests deleted · reclaimable{" "}
        <Bytes value={cleanup.reclaimableBytes} testId="team-reclaimable-bytes" />
      </p>
      {cleanup.registries.length === 0 ? (
        <EmptyState>The cleanup plan in effect removes nothing from {team}&apos;s repositories.</EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table compact" data-testid="team-stale-table">
              <caption className="sr-only">Stale tags of {team} by registry</caption>
              <thead>
                <tr>
                  <th scope="col">Registry</th>
                  <th scope="col" className="right" title="Tags of the manifests deleted and the tags untagged">
                    Stale tags
                  </th>
                  <th scope="col" className="right">
                    Manifests deleted
                  </th>
                  <th
                    scope="col"
                    className="right"
                    title="Σ own sizes of the deleted manifests: not what deleting frees, layers may be shared"
                  >
                    Their size
                  </th>
                  <th
                    scope="col"
                    className="right"
                    title="The registry's exact reclaimable bytes; the team's own only when every delete of the registry is in its repositories"
                  >
                    Reclaimable (registry)
                  </th>
                  <th scope="col">
                    <span className="sr-only">Cleanup plan</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {cleanup.registries.map((r) => (
                  <tr
                    key={r.registry}
                    data-testid="team-stale-row"
                    data-registry={r.registry}
                    data-own={r.allDeletesAreTheTeams ? "true" : "false"}
                  >
                    <td>{r.registry}</td>
                    <td className="right num">{r.staleTags}</td>
                    <td className="right num">{r.manifestsDeleted}</td>
                    <td className="right">
                      <Bytes value={r.deletedManifestBytes} />
                    </td>
                    <td className="right">
                      <Bytes value={r.registryReclaimableBytes} />
                      {r.allDeletesAreTheTeams ? null : (
                        <span className="muted small" style={{ display: "block" }}>
                          with other teams&apos; deletes
                        </span>
                      )}
                    </td>
                    <td className="right">
                      <Link href={staleRegistryHref(r.registry, cleanup.asOf)} data-testid="team-stale-link">
                        plan
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            Reclaimable bytes count whole registries whose every delete is in this team&apos;s repositories: elsewhere a
            blob the team lets go may still be held by another team&apos;s image.
          </p>
        </>
      )}
    </Panel>
  );
}

import Link from "next/link";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { TeamDetailView } from "./team-view";

/** The stale page has no team filter: each registry links to the plan filtered to that registry. */
function staleRegistryHref(registry: string, asOf: string): string {
  return `/stale?${new URLSearchParams({ "as-of": asOf, registry }).toString()}`;
}

/** What the cleanup plan in effect would delete in the team's repositories, and what that frees. */
export function TeamStalePanel({ detail }: { detail: TeamDetailView }) {
  const { stale } = detail;
  return (
    <Panel title={`Stale tags as of ${stale.asOf}`} testId="team-stale">
      {stale.byRegistry.length === 0 ? (
        <EmptyState>The cleanup plan removes nothing from {detail.team}&apos;s repositories.</EmptyState>
      ) : (
        <table className="table compact" data-testid="team-stale-table">
          <thead>
            <tr>
              <th>Registry</th>
              <th className="right">Tags deleted</th>
              <th className="right">Manifests deleted</th>
              <th className="right" title="Blobs no kept manifest of the registry references any more">Reclaimable</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {stale.byRegistry.map((r) => (
              <tr key={r.registry} data-testid="team-stale-row" data-registry={r.registry}>
                <td>{r.registry}</td>
                <td className="right num">{r.tagsDeleted}</td>
                <td className="right num">{r.manifestsDeleted}</td>
                <td className="right"><Bytes value={r.reclaimableBytes} /></td>
                <td className="right"><Link href={staleRegistryHref(r.registry, stale.asOf)} data-testid="team-stale-link">plan</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

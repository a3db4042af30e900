import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { connection } from "next/server";
import { TeamsEditor } from "@/components/chargeback/teams-editor";
import { TeamsNav } from "@/components/chargeback/teams-nav";
import { DateTime } from "@/components/ui/date-time";
import { getChargebackConfig } from "@/lib/chargeback/server/config-store";
import { listRegistryNames } from "@/lib/storage/server/list-registry-names";

export const metadata: Metadata = { title: "Teams and rules" };

export default async function TeamsPage() {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  await connection();
  if (access.kind === "teams") {
    // A team member sees its teams' pages; the rules, and the editor, are FinOps'.
    return (
      <>
        <div className="page-header">
          <h1>Your teams</h1>
        </div>
        <TeamsNav teams={access.teams} withUnallocated={false} />
      </>
    );
  }
  const [current, registries] = await Promise.all([getChargebackConfig(), listRegistryNames(access)]);
  return (
    <>
      <div className="page-header">
        <h1>Teams and rules</h1>
        <span className="muted" data-testid="config-source" data-source={current.source}>
          {current.source === "stored" ? (
            <>
              Saved <DateTime iso={current.updatedAt?.toISOString() ?? null} />
            </>
          ) : (
            "Nothing saved yet: no teams, every repository is unallocated"
          )}
        </span>
      </div>
      <TeamsNav teams={current.config.teams.map((t) => t.name)} />
      <TeamsEditor initialDocument={current.config} registries={registries} />
    </>
  );
}

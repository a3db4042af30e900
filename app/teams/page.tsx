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
  await authorizePage({ action: "read" });
  await connection();
  const [current, registries] = await Promise.all([getChargebackConfig(), listRegistryNames()]);
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

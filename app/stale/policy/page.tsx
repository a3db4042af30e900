import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { connection } from "next/server";
import { PolicyEditor } from "@/components/stale/policy-editor";
import { PolicyHelp } from "@/components/stale/policy-help";
import { DateTime } from "@/components/ui/date-time";
import { Panel } from "@/components/ui/panel";
import { getEditablePolicy } from "@/lib/stale/server/policy-store";
import { policyFormAction } from "./actions";

export const metadata: Metadata = { title: "Stale-tag policy" };

export default async function StalePolicyPage() {
  await authorizePage({ action: "read" });
  await connection();
  const effective = await getEditablePolicy();
  return (
    <>
      <div className="page-header">
        <h1>Stale-tag policy</h1>
        <span className="muted" data-testid="policy-source" data-source={effective.source}>
          {effective.source === "stored" ? (
            <>
              Stored policy, saved <DateTime iso={effective.updatedAt?.toISOString() ?? null} />
            </>
          ) : (
            "Built-in default rules: no policy has been saved"
          )}
        </span>
        <a className="button secondary" href="/api/stale/policy" download data-testid="policy-export">
          Export JSON
        </a>
      </div>
      <Panel title="Edit">
        <PolicyEditor action={policyFormAction} initialText={effective.document} initialIssues={effective.issues} />
      </Panel>
      <PolicyHelp />
    </>
  );
}

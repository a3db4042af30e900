import Link from "next/link";
import { DEFAULT_RULES, serializePolicy, type Policy } from "@/lib/stale/policy";
import { cleanupPlanHref, STALE_POLICY_HREF, type StaleItemFilter } from "./stale-urls";

/** Which policy the plan below follows, the links to edit it, and the files of this exact plan (the CSV with the items filters). */
export function StalePolicyNote({ policy, asOf, filter }: { policy: Policy; asOf: string; filter: StaleItemFilter }) {
  const json = serializePolicy(policy);
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const isDefault = json === serializePolicy({ ...DEFAULT_RULES, overrides: [] });
  return (
    <section className="panel" data-testid="stale-policy">
      <header className="panel-header">
        <h2>Policy in effect</h2>
        <div className="panel-actions">
          <Link className="button secondary" href={STALE_POLICY_HREF} data-testid="edit-policy">
            Edit policy
          </Link>
          <a
            className="button secondary"
            href={cleanupPlanHref({ asOf, policy, filter })}
            download
            data-testid="download-cleanup-csv"
            data-filtered={filtered}
          >
            {filtered ? "Download CSV (filtered items)" : "Download CSV"}
          </a>
          <a
            className="button secondary"
            href={cleanupPlanHref({ asOf, policy, format: "script" })}
            download
            data-testid="download-cleanup-script"
          >
            Download script
          </a>
        </div>
      </header>
      <div className="panel-body">
        <p data-testid="stale-policy-summary" data-policy={JSON.stringify(JSON.parse(json))} data-default={isDefault}>
          <strong>{isDefault ? "The built-in default rules" : "A customised policy"}:</strong> tags last updated more
          than <strong>{policy.olderThanDays} days</strong> before the end of {asOf} (UTC), outside each
          repository&apos;s <strong>{policy.keepLatest} newest</strong>, matching none of {policy.keepPatterns.length}{" "}
          keep patterns; untagged manifests after <strong>{policy.untaggedOlderThanDays} days</strong>;{" "}
          {policy.overrides.length} override
          {policy.overrides.length === 1 ? "" : "s"}.
        </p>
        <details>
          <summary>Policy JSON</summary>
          <pre className="small">{json}</pre>
        </details>
        <p className="muted small">
          Nothing is deleted here: the CSV and the script are the plan for people to review and a pipeline to run.
        </p>
      </div>
    </section>
  );
}

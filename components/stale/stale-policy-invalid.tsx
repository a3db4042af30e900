import Link from "next/link";
import { describeIssue, type ValidationIssue } from "@/lib/errors";
import { STALE_POLICY_HREF } from "./stale-urls";

/** Instead of the plan: the stored policy no longer validates (edited by hand), with its bad fields and the way to fix it. */
export function StalePolicyInvalid({ issues }: { issues: readonly ValidationIssue[] }) {
  return (
    <section className="panel" role="alert" data-testid="stale-policy-invalid">
      <header className="panel-header">
        <h2>The stored policy is invalid</h2>
        <div className="panel-actions">
          <Link className="button" href={STALE_POLICY_HREF} data-testid="stale-policy-fix">
            Fix the policy
          </Link>
        </div>
      </header>
      <div className="panel-body" style={{ color: "var(--bad)", background: "var(--bad-bg)" }}>
        <p style={{ margin: 0 }}>
          No cleanup plan until it validates. Correct these fields at{" "}
          <Link href={STALE_POLICY_HREF}>{STALE_POLICY_HREF}</Link> (or reset it to the defaults there):
        </p>
        <ul style={{ margin: "4px 0 0", paddingLeft: 20 }}>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`} data-testid="stale-policy-problem" data-path={issue.path}>
              <code>{describeIssue(issue, "(policy)")}</code>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

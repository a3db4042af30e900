import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="notice" data-testid="forbidden">
      <h1>Not allowed</h1>
      <p>
        Your account may not open this page. Team members see their teams&apos; repositories, stale tags and chargeback;
        the estate-wide views need a Registry Ledger role (Reader, FinOps, Platform or Admin).
      </p>
      <p>
        If every page says this, your account has no Registry Ledger role and is in no team&apos;s Entra group: ask
        FinOps to add your group to your team&apos;s <code>entraGroupIds</code>.
      </p>
      <Link href="/">← Overview</Link>
    </div>
  );
}

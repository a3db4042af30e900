import Link from "next/link";
import { chargebackHref } from "@/components/chargeback/chargeback-urls";
import { UNALLOCATED } from "@/lib/chargeback/config";
import type { TeamDetail } from "@/lib/chargeback/server/get-team-detail";

/** Name, cost center, contacts; "unallocated" says what it is instead. */
export function TeamHeader({ detail }: { detail: TeamDetail }) {
  return (
    <div className="page-header">
      <h1 data-testid="team-name-heading">{detail.team}</h1>
      <span className="muted" data-testid="team-meta" data-cost-center={detail.costCenter}>
        {detail.team === UNALLOCATED
          ? "what no ownership rule and no registry team tag owns"
          : `cost center ${detail.costCenter}${detail.contacts.length > 0 ? ` · ${detail.contacts.join(", ")}` : ""}`}
        {" · "}
        {detail.month}
      </span>
      <Link href={chargebackHref({ month: detail.month, scale: false })} data-testid="team-review-link">
        ← Monthly review
      </Link>
    </div>
  );
}

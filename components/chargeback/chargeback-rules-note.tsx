import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import type { ChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";
import { chargebackHref } from "./chargeback-urls";

/** Which version of the teams and rules allocated the month, and the way to the other choice. */
export function ChargebackRulesNote({ view }: { view: ChargebackMonth }) {
  const { rules } = view;
  const state = { month: view.month, scale: view.scaleToBilled };
  const version =
    rules.versionId === null ? null : (
      <>
        version {rules.versionId}, saved <DateTime iso={rules.savedAt} /> by{" "}
        {rules.savedBy ?? "someone before versions were kept"}
      </>
    );
  const current = (
    <Link href={chargebackHref({ ...state, currentRules: true })} data-testid="rules-current-link">
      Recompute with today&apos;s rules
    </Link>
  );
  const lines = {
    given: <>Allocated with the rules given.</>,
    none: (
      <>
        No teams or rules have been saved yet: everything is unallocated. Define them at{" "}
        <Link href="/teams">Teams</Link>.
      </>
    ),
    "month-end": (
      <>
        Rules in force at the end of {view.coveredUntil}: {version}. {current}
      </>
    ),
    oldest: (
      <>
        {view.month} ended before the first saved version of the rules; allocated with the oldest: {version}. {current}
      </>
    ),
    current: (
      <>
        Recomputed with today&apos;s rules: {version ?? "none saved"}.{" "}
        <Link href={chargebackHref(state)} data-testid="rules-month-end-link">
          Use the rules in force at the month&apos;s end
        </Link>
      </>
    ),
  }[rules.basis];
  return (
    <p
      className="muted small"
      data-testid="chargeback-rules"
      data-basis={rules.basis}
      data-version={rules.versionId ?? ""}
    >
      {lines}
    </p>
  );
}

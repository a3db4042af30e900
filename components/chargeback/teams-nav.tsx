import Link from "next/link";
import { UNALLOCATED } from "@/lib/chargeback/config";
import { teamHref } from "./team-urls";

/** Links to every saved team's page, and to the unallocated pseudo-team's (unless left out). */
export function TeamsNav({ teams, withUnallocated = true }: { teams: readonly string[]; withUnallocated?: boolean }) {
  return (
    <nav className="filters" aria-label="Team pages" data-testid="teams-nav">
      <span className="muted">Team pages:</span>
      {[...teams, ...(withUnallocated ? [UNALLOCATED] : [])].map((team) => (
        <Link key={team} href={teamHref(team)} data-testid="team-link" data-team={team}>
          {team}
        </Link>
      ))}
    </nav>
  );
}

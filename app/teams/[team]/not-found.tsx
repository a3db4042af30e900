import Link from "next/link";
import { TEAMS_HREF } from "@/components/chargeback/team-urls";

export default function TeamNotFound() {
  return (
    <div className="notice" data-testid="team-not-found">
      <h1>Team not found</h1>
      <p>No saved team has this name. Teams are declared on the Teams page; &ldquo;unallocated&rdquo; always exists.</p>
      <Link href={TEAMS_HREF}>← Teams and rules</Link>
    </div>
  );
}

/** URLs of the team pages; "unallocated" is a team page too (the repositories no rule or tag owns). */
export const TEAMS_HREF = "/teams";

export function teamHref(team: string, month?: string): string {
  const path = `/teams/${encodeURIComponent(team)}`;
  return month ? `${path}?month=${encodeURIComponent(month)}` : path;
}

export const CONFIG_EXPORT_HREF = "/api/chargeback/config";

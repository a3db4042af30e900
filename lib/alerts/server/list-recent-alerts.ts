/** The alerts the Findings page lists: the newest first, a member's only for their own teams. */
import { getPool } from "../../db";
import { getEnv } from "../../env";
import { describeAlert } from "../describe-alert";
import { listAlerts, type ListedAlert } from "./alert-store";

export type AlertRow = Omit<ListedAlert, "payload"> & {
  /** What an anomaly is about (a team's daily cost, a repository's bytes); null for a budget. */
  subject: "team" | "repository" | null;
  summary: string;
  url: string;
};
export type RecentAlerts = { webhookConfigured: boolean; rows: AlertRow[] };

/** `teams` undefined: every alert (a role that reads the whole estate). */
export async function listRecentAlerts(
  options: { teams?: readonly string[]; limit?: number } = {},
): Promise<RecentAlerts> {
  const rows = await listAlerts(await getPool(), { teams: options.teams, limit: options.limit ?? 100 });
  return {
    webhookConfigured: getEnv().alerts.webhookUrl !== undefined,
    rows: rows.map(({ payload, ...row }) => ({
      ...row,
      subject: payload.kind === "anomaly" ? payload.subject : null,
      summary: describeAlert(payload),
      url: payload.url,
    })),
  };
}

/**
 * A team's anomalies of a month, as its page lists them: the jumps raised after syncs (the alerts
 * table) about its daily cost or one of its repositories (a repository's jump names the team its
 * rules gave the repository on the day it was raised). Newest day first; on a day, the team's
 * daily cost before its repositories. A member reads its own teams' only: another team's answer
 * is null, as getTeamDetail's is.
 */
import "server-only";
import { z } from "zod";
import type { AnomalyAlertPayload } from "@/lib/alerts/alert";
import { describeAlert } from "@/lib/alerts/describe-alert";
import { listAlerts } from "@/lib/alerts/server/alert-store";
import type { Access } from "@/lib/auth/access";
import { teamInAccess } from "@/lib/auth/access";
import { compareCodePoints } from "@/lib/compare";
import { parseMoney } from "@/lib/costs/money";
import type { MicrosString } from "@/lib/costs/cost-views";
import { getPool } from "@/lib/db";
import { monthSchema, parseInput } from "@/lib/validation";
import { bytesToNumber } from "@/lib/views";

const paramsSchema = z.object({ team: z.string().trim().min(1).max(200), month: monthSchema });

/** A repository's rise is bytes; a team's, micros of its currency. */
export type AnomalyRise =
  | { unit: "bytes"; value: number; previous: number; rise: number; threshold: number }
  | {
      unit: "money";
      currency: string;
      value: MicrosString;
      previous: MicrosString;
      rise: MicrosString;
      threshold: MicrosString;
    };

export type TeamAnomaly = {
  key: string;
  subject: "repository" | "team";
  day: string;
  /** Set for a repository's jump. */
  registry: string | null;
  repository: string | null;
  amounts: AnomalyRise;
  /** The largest manifests pushed that day (into the repository, or the team's repositories). */
  causes: { registry: string; repository: string; digest: string; tags: string[]; bytes: number }[];
  /** The alert in one line, as Findings lists it. */
  summary: string;
  raisedAt: string;
};

/** Alerts of one team and month are a few dozen at most: past this, the newest are listed. */
const LIMIT = 500;

export async function listTeamAnomalies(
  team: string,
  month: string,
  options: { access: Access },
): Promise<TeamAnomaly[] | null> {
  const params = parseInput(paramsSchema, { team, month });
  if (!teamInAccess(options.access, params.team)) return null;
  const alerts = await listAlerts(await getPool(), { month: params.month, teams: [params.team], limit: LIMIT });
  return alerts
    .flatMap(({ payload, key, raisedAt }) =>
      payload.kind === "anomaly" ? [toTeamAnomaly(payload, key, raisedAt)] : [],
    )
    .sort(
      (a, b) =>
        compareCodePoints(b.day, a.day) ||
        (a.subject === b.subject ? 0 : a.subject === "team" ? -1 : 1) ||
        compareCodePoints(`${a.registry}/${a.repository}`, `${b.registry}/${b.repository}`),
    );
}

function toTeamAnomaly(payload: AnomalyAlertPayload, key: string, raisedAt: string): TeamAnomaly {
  return {
    key,
    subject: payload.subject,
    day: payload.day,
    registry: payload.registry,
    repository: payload.repository,
    amounts: amountsOf(payload),
    causes: payload.causes.map((c) => ({ ...c, bytes: bytes(c.bytes) })),
    summary: describeAlert(payload),
    raisedAt,
  };
}

const bytes = (decimal: string) => bytesToNumber(BigInt(decimal));

function amountsOf(p: AnomalyAlertPayload): AnomalyRise {
  if (p.unit === "bytes")
    return {
      unit: "bytes",
      value: bytes(p.value),
      previous: bytes(p.previous),
      rise: bytes(p.rise),
      threshold: bytes(p.threshold),
    };
  const micros = (amount: string) => parseMoney(amount).toString();
  return {
    unit: "money",
    currency: p.unit,
    value: micros(p.value),
    previous: micros(p.previous),
    rise: micros(p.rise),
    threshold: micros(p.threshold),
  };
}

/**
 * One line saying what an alert is about, the same on the Findings page, the team page and
 * wherever an alert is listed.
 */
import { MAX_CAUSES } from "../anomalies/detect";
import { formatBytes, formatShortDigest } from "../format";
import type { AlertPayload, AnomalyAlertPayload, AnomalyCause } from "./alert";

export function describeAlert(payload: AlertPayload): string {
  if (payload.kind === "budget") {
    const [basis, percent] = payload.threshold.split(":");
    const amount = basis === "actual" ? `cost to date ${payload.actual}` : `forecast ${payload.forecast}`;
    return `${payload.team}'s ${basis} reached ${percent} % of its ${payload.month} budget of ${payload.budget} ${payload.currency} (${amount} ${payload.currency})`;
  }
  if (payload.subject === "repository")
    return `${payload.registry}/${payload.repository} grew ${formatBytes(Number(payload.rise))} on ${payload.day} (usual rise under ${formatBytes(Number(payload.threshold))}; ${describeCauses(payload)})`;
  const money = (amount: string) => `${amount} ${payload.unit}`;
  return `${payload.team}'s daily cost rose ${money(payload.rise)} to ${money(payload.value)} on ${payload.day} (usual rise under ${money(payload.threshold)}; ${describeCauses(payload)})`;
}

/** "repository:tag" (the first tag by name), else "repository@digest"; a team's also names the registry. */
export function describeCause(cause: AnomalyCause, withRegistry: boolean): string {
  const where = withRegistry ? `${cause.registry}/${cause.repository}` : cause.repository;
  return cause.tags.length > 0 ? `${where}:${cause.tags[0]}` : `${where}@${formatShortDigest(cause.digest)}`;
}

/** How many manifests were pushed that day (the causes are the largest few) and the largest. */
function describeCauses(payload: AnomalyAlertPayload): string {
  const [largest] = payload.causes;
  if (!largest) return `nothing pushed that day${payload.subject === "team" ? " into its repositories" : ""}`;
  const count = payload.causes.length;
  const pushed = count === 1 ? "1 manifest" : `${count}${count >= MAX_CAUSES ? "+" : ""} manifests`;
  return `${pushed} pushed that day, the largest ${describeCause(largest, payload.subject === "team")} (${formatBytes(Number(largest.bytes))})`;
}

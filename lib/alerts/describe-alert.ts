/**
 * One line saying what an alert is about, the same on the Findings page, the team page and
 * wherever an alert is listed.
 */
import { formatBytes } from "../format";
import type { AlertPayload } from "./alert";

export function describeAlert(payload: AlertPayload): string {
  if (payload.kind === "budget") {
    const [basis, percent] = payload.threshold.split(":");
    const amount = basis === "actual" ? `cost to date ${payload.actual}` : `forecast ${payload.forecast}`;
    return `${payload.team}'s ${basis} reached ${percent} % of its ${payload.month} budget of ${payload.budget} ${payload.currency} (${amount} ${payload.currency})`;
  }
  const pushed = payload.causes.length === 1 ? "1 manifest pushed" : `${payload.causes.length} manifests pushed`;
  if (payload.subject === "repository")
    return `${payload.registry}/${payload.repository} grew ${formatBytes(Number(payload.rise))} on ${payload.day} (${pushed} that day; usual rise under ${formatBytes(Number(payload.threshold))})`;
  return `${payload.team}'s daily cost rose by ${payload.rise} ${payload.unit} on ${payload.day} (usual rise under ${payload.threshold} ${payload.unit})`;
}

/** Azure and our sync spell states differently ("Succeeded", "succeeded", "Ready"): tone by lower case. */
const TONE: Record<string, "ok" | "info" | "warn" | "bad"> = {
  succeeded: "ok",
  ready: "ok",
  enabled: "ok",
  running: "info",
  queued: "info",
  started: "info",
  updating: "info",
  creating: "info",
  partial: "warn",
  canceled: "warn",
  timeout: "warn",
  interrupted: "warn",
  "timed out": "bad",
  failed: "bad",
  error: "bad",
};

export function StatusBadge({ status, testId }: { status: string | null; testId?: string }) {
  const label = status ?? "unknown";
  return (
    <span className={`badge badge-${TONE[label.toLowerCase()] ?? "muted"}`} data-testid={testId} data-status={label}>
      {label}
    </span>
  );
}

const TONE: Record<string, string> = {
  succeeded: "ok",
  Succeeded: "ok",
  enabled: "ok",
  Enabled: "ok",
  running: "info",
  Running: "info",
  partial: "warn",
  failed: "bad",
  Failed: "bad",
  disabled: "muted",
  Disabled: "muted",
};

export function StatusBadge({ status, testId }: { status: string | null; testId?: string }) {
  const label = status ?? "unknown";
  return (
    <span className={`badge badge-${TONE[label] ?? "muted"}`} data-testid={testId} data-status={label}>
      {label}
    </span>
  );
}

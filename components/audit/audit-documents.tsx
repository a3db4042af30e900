/** An event's before/after documents, closed by default; JSON is shown indented. */
function indented(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function AuditDocuments({ before, after }: { before: string | null; after: string | null }) {
  if (before === null && after === null) return <span className="muted">—</span>;
  return (
    <details data-testid="audit-documents">
      <summary>Before / after</summary>
      <div className="muted small">Before</div>
      <pre className="small" data-testid="audit-before">
        {before === null ? "(none)" : indented(before)}
      </pre>
      <div className="muted small">After</div>
      <pre className="small" data-testid="audit-after">
        {after === null ? "(none)" : indented(after)}
      </pre>
    </details>
  );
}

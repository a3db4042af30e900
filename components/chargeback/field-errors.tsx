/** The server's messages for one input, right under it. */
export function FieldErrors({ messages, field }: { messages: readonly string[]; field: string }) {
  if (messages.length === 0) return null;
  return (
    <span
      role="alert"
      className="small"
      data-testid="field-error"
      data-field={field}
      style={{ color: "var(--bad)", display: "block" }}
    >
      {messages.join("; ")}
    </span>
  );
}

"use client";

import { useActionState } from "react";
import { describeIssue, type ValidationIssue } from "@/lib/errors";
import type { PolicyFormState } from "@/lib/stale/server/policy-form";

type Props = {
  action: (previous: PolicyFormState, formData: FormData) => Promise<PolicyFormState>;
  initialText: string;
  /** The stored policy's bad fields when it no longer validates (a hand-edited row). */
  initialIssues?: readonly ValidationIssue[];
};

const DONE: Partial<Record<PolicyFormState["status"], string>> = {
  saved: "Saved. The cleanup plan uses this policy from now on.",
  imported: "Imported and saved.",
  reset: "Reset: the built-in default rules apply again.",
};

/** The policy JSON in a textarea; Save, Import JSON (a file) and Reset share one validated action. */
export function PolicyEditor({ action, initialText, initialIssues = [] }: Props) {
  const initial: PolicyFormState = { status: "idle", text: initialText, issues: initialIssues };
  const [state, formAction, pending] = useActionState(action, initial);
  const done = DONE[state.status];
  // The form's one input with a problem of its own is the file; the policy's paths point inside the text, listed above it.
  const fileIssues = state.issues.filter((issue) => issue.path === "file");
  const policyIssues = state.issues.filter((issue) => issue.path !== "file");
  return (
    <form action={formAction} className="stack" data-testid="policy-form">
      {policyIssues.length > 0 ? (
        <div
          role="alert"
          id="policy-errors"
          data-testid="policy-errors"
          style={{
            color: "var(--bad)",
            background: "var(--bad-bg)",
            padding: "8px 12px",
            borderRadius: "var(--radius)",
          }}
        >
          <strong>
            {state.status === "idle"
              ? "The stored policy does not validate; fix it and save, or reset to defaults:"
              : "The policy was not saved:"}
          </strong>
          <ul style={{ margin: "4px 0 0", paddingLeft: 20 }}>
            {policyIssues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`} data-testid="policy-error" data-path={issue.path}>
                <code>{`${state.source ? `${state.source}: ` : ""}${describeIssue(issue, "(policy)")}`}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {done ? (
        <p role="status" data-testid="policy-saved" style={{ color: "var(--ok)", margin: 0 }}>
          {done}
        </p>
      ) : null}
      <label className="stack" style={{ gap: 4 }}>
        <span className="strong">Policy JSON</span>
        <textarea
          key={`${state.status}:${state.text}`}
          name="text"
          defaultValue={state.text}
          aria-invalid={policyIssues.length > 0}
          aria-describedby={policyIssues.length > 0 ? "policy-errors" : undefined}
          rows={22}
          spellCheck={false}
          data-testid="policy-text"
          style={{
            font: "12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
            padding: 8,
            border: "1px solid var(--border)",
            borderRadius: "var(--radius)",
            width: "100%",
          }}
        />
      </label>
      <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
        <button type="submit" name="intent" value="save" disabled={pending} data-testid="policy-save">
          Save
        </button>
        <span className="muted">or</span>
        <input
          type="file"
          name="file"
          accept="application/json,.json"
          data-testid="policy-file"
          aria-label="Policy JSON file"
          aria-describedby={fileIssues.length > 0 ? "policy-file-error" : undefined}
        />
        <button
          type="submit"
          name="intent"
          value="import"
          className="button secondary"
          disabled={pending}
          data-testid="policy-import"
        >
          Import JSON
        </button>
        {fileIssues.length > 0 ? (
          <span
            role="alert"
            id="policy-file-error"
            className="small"
            data-testid="field-error"
            data-field="file"
            style={{ color: "var(--bad)" }}
          >
            {fileIssues.map((issue) => issue.message).join("; ")}
          </span>
        ) : null}
        <button
          type="submit"
          name="intent"
          value="reset"
          className="button secondary"
          disabled={pending}
          data-testid="policy-reset"
          style={{ marginLeft: "auto" }}
        >
          Reset to defaults
        </button>
      </div>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import type { PolicyFormState } from "@/lib/stale/server/policy-form";

type Props = {
  action: (previous: PolicyFormState, formData: FormData) => Promise<PolicyFormState>;
  initialText: string;
  /** The stored policy's bad fields when it no longer validates (a hand-edited row). */
  initialProblems?: string[];
};

const DONE: Partial<Record<PolicyFormState["status"], string>> = {
  saved: "Saved. The cleanup plan uses this policy from now on.",
  imported: "Imported and saved.",
  reset: "Reset: the built-in default rules apply again.",
};

/** The policy JSON in a textarea; Save, Import JSON (a file) and Reset share one validated action. */
export function PolicyEditor({ action, initialText, initialProblems = [] }: Props) {
  const initial: PolicyFormState = { status: "idle", text: initialText, problems: initialProblems };
  const [state, formAction, pending] = useActionState(action, initial);
  const done = DONE[state.status];
  return (
    <form action={formAction} className="stack" data-testid="policy-form">
      {state.problems.length > 0 ? (
        <div role="alert" data-testid="policy-errors" style={{ color: "var(--bad)", background: "var(--bad-bg)", padding: "8px 12px", borderRadius: "var(--radius)" }}>
          <strong>{state.status === "idle" ? "The stored policy does not validate; fix it and save, or reset to defaults:" : "The policy was not saved:"}</strong>
          <ul style={{ margin: "4px 0 0", paddingLeft: 20 }}>
            {state.problems.map((problem) => (
              <li key={problem} data-testid="policy-error">
                <code>{problem}</code>
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
          rows={22}
          spellCheck={false}
          data-testid="policy-text"
          style={{ font: "12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", padding: 8, border: "1px solid var(--border)", borderRadius: "var(--radius)", width: "100%" }}
        />
      </label>
      <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
        <button type="submit" name="intent" value="save" disabled={pending} data-testid="policy-save">
          Save
        </button>
        <span className="muted">or</span>
        <input type="file" name="file" accept="application/json,.json" data-testid="policy-file" aria-label="Policy JSON file" />
        <button type="submit" name="intent" value="import" className="button secondary" disabled={pending} data-testid="policy-import">
          Import JSON
        </button>
        <button type="submit" name="intent" value="reset" className="button secondary" disabled={pending} data-testid="policy-reset" style={{ marginLeft: "auto" }}>
          Reset to defaults
        </button>
      </div>
    </form>
  );
}

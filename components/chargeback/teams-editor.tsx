"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState, type ChangeEvent } from "react";
import { Panel } from "@/components/ui/panel";
import { describeIssue, type ValidationIssue } from "@/lib/errors";
import { documentFromDraft, draftFromDocument, placeIssues, type Draft } from "./config-draft";
import { FeesFields } from "./fees-fields";
import { RulesFields } from "./rules-fields";
import { putChargebackConfig, type SaveResult } from "./teams-api";
import { CONFIG_EXPORT_HREF } from "./team-urls";
import { TeamsFields } from "./teams-fields";
import { PreviewSummary, useRulesPreview } from "./use-rules-preview";

type Props = { initialDocument: unknown; registries: string[] };

/** An invalid outcome remembers the draft it was about: its errors stay on the fields until the draft changes. */
type Outcome =
  | { kind: "saved" | "imported" }
  | { kind: "invalid"; source: string; issues: ValidationIssue[]; draftJson: string }
  | null;

/** Teams, ordered rules and fixed-fee methods as a form; every change is previewed live, Save validates and stores. */
export function TeamsEditor({ initialDocument, registries }: Props) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => draftFromDocument(initialDocument));
  const [savedNames, setSavedNames] = useState(() => draftFromDocument(initialDocument).teams.map((t) => t.name));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const document = useMemo(() => documentFromDraft(draft), [draft]);
  const preview = useRulesPreview(document);

  const save = useMutation({
    mutationFn: (input: {
      body: Parameters<typeof putChargebackConfig>[0];
      kind: "saved" | "imported";
      source: string;
      draftJson: string;
    }) => putChargebackConfig(input.body),
    onSuccess: (result: SaveResult, input) => {
      if (!result.ok)
        return setOutcome({ kind: "invalid", source: input.source, issues: result.issues, draftJson: input.draftJson });
      const stored = draftFromDocument(JSON.parse(result.document));
      setDraft(stored);
      setSavedNames(stored.teams.map((t) => t.name));
      setOutcome({ kind: input.kind });
      router.refresh();
    },
  });

  const draftJson = JSON.stringify(document);
  // The last save's errors while the draft is the one saved; after an edit, the live preview's.
  const savedIssues = outcome?.kind === "invalid" && outcome.draftJson === draftJson ? outcome.issues : null;
  const livePreviewIssues = preview.data && !preview.data.ok ? preview.data.issues : [];
  const { byField: errors, unplaced } = placeIssues(savedIssues ?? livePreviewIssues, draft);
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const teamNames = draft.teams.map((t) => t.name.trim()).filter((n) => n !== "");

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const text = await file.text();
    let imported: Draft;
    try {
      imported = draftFromDocument(JSON.parse(text));
    } catch (error) {
      return setOutcome({
        kind: "invalid",
        source: file.name,
        issues: [{ path: "", message: `is not valid JSON: ${(error as Error).message}` }],
        draftJson,
      });
    }
    setDraft(imported);
    save.mutate({
      body: text,
      kind: "imported",
      source: file.name,
      draftJson: JSON.stringify(documentFromDraft(imported)),
    });
  }

  // A save's problems that no input answers for (say "teams", or the file as a whole) are listed above the form.
  const summary = savedIssues === null ? [] : unplaced;
  return (
    <div className="stack" data-testid="teams-editor">
      <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
        <button
          type="button"
          onClick={() => save.mutate({ body: document, kind: "saved", source: "", draftJson })}
          disabled={save.isPending}
          data-testid="config-save"
        >
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <label className="button secondary" style={{ cursor: "pointer" }}>
          Import JSON
          <input
            type="file"
            accept="application/json,.json"
            onChange={importFile}
            data-testid="config-import-file"
            style={{ display: "none" }}
          />
        </label>
        <a className="button secondary" href={CONFIG_EXPORT_HREF} download data-testid="config-export">
          Export JSON
        </a>
        <span
          role="status"
          data-testid="config-status"
          data-status={outcome?.kind ?? "idle"}
          style={{ color: outcome?.kind === "invalid" ? "var(--bad)" : "var(--ok)" }}
        >
          {outcome?.kind === "saved" ? "Saved. Every month is allocated with these rules from now on." : null}
          {outcome?.kind === "imported" ? "Imported and saved." : null}
          {outcome?.kind === "invalid"
            ? `Not saved${outcome.source ? ` (${outcome.source})` : ""}: ${outcome.issues.length} problem${outcome.issues.length === 1 ? "" : "s"}, shown next to the fields.`
            : null}
          {save.isError ? save.error.message : null}
        </span>
      </div>
      {summary.length > 0 ? (
        <ul
          role="alert"
          data-testid="config-errors"
          style={{
            color: "var(--bad)",
            background: "var(--bad-bg)",
            padding: "8px 28px",
            borderRadius: "var(--radius)",
            margin: 0,
          }}
        >
          {summary.map((issue) => (
            <li key={`${issue.path}:${issue.message}`} data-testid="config-error" data-path={issue.path}>
              <code>{describeIssue(issue, "(config)")}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <Panel title="Teams" testId="teams-panel">
        <TeamsFields
          teams={draft.teams}
          savedNames={savedNames}
          errors={errors}
          onChange={(teams) => change({ teams })}
        />
      </Panel>
      <Panel
        title="Ownership rules (first match wins; then the registry's team tag; else unallocated)"
        testId="rules-panel"
      >
        <RulesFields
          rules={draft.rules}
          teamNames={teamNames}
          registries={registries}
          errors={errors}
          matches={preview.data?.ok ? preview.data.preview.rules : undefined}
          onChange={(rules) => change({ rules })}
        />
        <PreviewSummary preview={preview} />
      </Panel>
      <Panel title="Fixed fees" testId="fees-panel">
        <FeesFields
          feeDefault={draft.feeDefault}
          fees={draft.fees}
          teamNames={teamNames}
          errors={errors}
          onChange={change}
        />
      </Panel>
    </div>
  );
}

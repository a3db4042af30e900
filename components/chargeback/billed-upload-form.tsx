"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import type { FocusImportResult } from "@/lib/chargeback/server/import-focus";
import { billedImportUrl } from "./billed-urls";

/** Sends the FOCUS CSV as the body; a 422's message (missing column, bad row) is shown as it is. */
async function postBilledCsv(input: { month: string; file: File }): Promise<FocusImportResult> {
  const response = await fetch(billedImportUrl(input.month), {
    method: "POST",
    headers: { "Content-Type": "text/csv" },
    body: await input.file.text(),
  });
  const body = (await response.json().catch(() => ({}))) as FocusImportResult & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `Import failed: HTTP ${response.status}`);
  return body;
}

function describeImport(result: FocusImportResult): string {
  const unmatched =
    result.unmatchedRows > 0
      ? `; ${result.unmatchedRows} rows of other resources ignored (${result.unmatchedResourceIds.join(", ")})`
      : "";
  return `Imported ${result.month}: ${result.matchedRows} of ${result.rowsInFile} rows matched ${result.registries.length} ${result.registries.length === 1 ? "registry" : "registries"}${unmatched}.`;
}

/** Import the month's FOCUS cost export (as Azure Cost Management writes it); re-importing a month replaces it. */
export function BilledUploadForm({ month }: { month: string }) {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const upload = useMutation({ mutationFn: postBilledCsv, onSuccess: () => router.refresh() });
  return (
    <form
      className="filters"
      data-testid="billed-upload-form"
      onSubmit={(event) => {
        event.preventDefault();
        const file = fileInput.current?.files?.[0];
        if (file) upload.mutate({ month, file });
      }}
    >
      <label>
        <span>FOCUS cost export (CSV) for {month}</span>
        <input ref={fileInput} type="file" name="file" accept=".csv,text/csv" required data-testid="billed-file" />
      </label>
      <button type="submit" disabled={upload.isPending} data-testid="billed-upload">
        {upload.isPending ? "Importing…" : "Import billed costs"}
      </button>
      <span
        role="status"
        data-testid="billed-upload-result"
        data-status={upload.status}
        style={{ color: upload.isError ? "var(--bad)" : "var(--ok)" }}
      >
        {upload.isError ? upload.error.message : upload.data ? describeImport(upload.data) : null}
      </span>
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { billedImportUrl } from "./chargeback-urls";

type ImportSummary = { message: string };

/** Sends the FOCUS CSV as the body; the answer's message (or the 422's) is shown as it is. */
async function postBilledCsv(input: { month: string; file: File }): Promise<ImportSummary> {
  const response = await fetch(billedImportUrl(input.month), { method: "POST", headers: { "Content-Type": "text/csv" }, body: await input.file.text() });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(typeof body.message === "string" ? body.message : `Import failed: HTTP ${response.status}`);
  return { message: describeImport(body) };
}

function describeImport(body: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof body.rowCount === "number") parts.push(`${body.rowCount} rows read`);
  if (typeof body.matchedRegistries === "number") parts.push(`${body.matchedRegistries} registries matched`);
  if (Array.isArray(body.unmatchedResourceIds) && body.unmatchedResourceIds.length > 0) parts.push(`${body.unmatchedResourceIds.length} resource ids matched no registry`);
  return parts.length > 0 ? `Imported: ${parts.join(", ")}.` : "Imported.";
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
      <span role="status" data-testid="billed-upload-result" data-status={upload.status} style={{ color: upload.isError ? "var(--bad)" : "var(--ok)" }}>
        {upload.isError ? upload.error.message : upload.data?.message}
      </span>
    </form>
  );
}

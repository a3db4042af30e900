import type { ValidationIssue } from "@/lib/errors";
import type { OwnershipPreview } from "@/lib/chargeback/server/preview-ownership";
import type { ConfigDocument } from "./config-draft";

/** Client-side calls to the chargeback config API (saving and the live preview of a draft). */

export type SaveResult = { ok: true; document: string } | { ok: false; issues: ValidationIssue[] };

type ErrorBody = { message?: string; issues?: ValidationIssue[] };

async function readError(response: Response): Promise<ErrorBody> {
  return (await response.json().catch(() => ({}))) as ErrorBody;
}

async function readMessage(response: Response): Promise<string> {
  return (await readError(response)).message ?? `HTTP ${response.status}`;
}

/** A 422's issues, one per bad field (the API always sends them; a body without any is one issue about the whole document). */
async function readIssues(response: Response): Promise<ValidationIssue[]> {
  const body = await readError(response);
  return body.issues ?? [{ path: "", message: body.message ?? `HTTP ${response.status}` }];
}

/** Saves a draft's document, or an imported file's text exactly as it is (the server validates both). */
export async function putChargebackConfig(document: ConfigDocument | string): Promise<SaveResult> {
  const response = await fetch("/api/chargeback/config", {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: typeof document === "string" ? document : JSON.stringify(document),
  });
  if (response.status === 422) return { ok: false, issues: await readIssues(response) };
  if (!response.ok) throw new Error(`Saving failed: ${await readMessage(response)}`);
  return { ok: true, document: await response.text() };
}

export type PreviewResult = { ok: true; preview: OwnershipPreview } | { ok: false; issues: ValidationIssue[] };

export async function postChargebackPreview(document: ConfigDocument, signal?: AbortSignal): Promise<PreviewResult> {
  const response = await fetch("/api/chargeback/preview", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(document),
    signal,
  });
  if (response.status === 422) return { ok: false, issues: await readIssues(response) };
  if (!response.ok) throw new Error(`Preview failed: ${await readMessage(response)}`);
  return { ok: true, preview: (await response.json()) as OwnershipPreview };
}

import { listConfigProblems } from "@/lib/chargeback/config";
import type { OwnershipPreview } from "@/lib/chargeback/server/preview-ownership";
import type { ConfigDocument } from "./config-draft";

/** Client-side calls to the chargeback config API (saving and the live preview of a draft). */

export type SaveResult = { ok: true; document: string } | { ok: false; problems: string[] };

async function readMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  return body.message ?? `HTTP ${response.status}`;
}

/** Saves a draft's document, or an imported file's text exactly as it is (the server validates both). */
export async function putChargebackConfig(document: ConfigDocument | string): Promise<SaveResult> {
  const response = await fetch("/api/chargeback/config", {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: typeof document === "string" ? document : JSON.stringify(document),
  });
  if (response.status === 422) return { ok: false, problems: listConfigProblems(await readMessage(response)) };
  if (!response.ok) throw new Error(`Saving failed: ${await readMessage(response)}`);
  return { ok: true, document: await response.text() };
}

export type PreviewResult = { ok: true; preview: OwnershipPreview } | { ok: false; problems: string[] };

export async function postChargebackPreview(document: ConfigDocument, signal?: AbortSignal): Promise<PreviewResult> {
  const response = await fetch("/api/chargeback/preview", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(document),
    signal,
  });
  if (response.status === 422) return { ok: false, problems: listConfigProblems(await readMessage(response)) };
  if (!response.ok) throw new Error(`Preview failed: ${await readMessage(response)}`);
  return { ok: true, preview: (await response.json()) as OwnershipPreview };
}

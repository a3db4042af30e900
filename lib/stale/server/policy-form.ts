/**
 * What the policy editor's form submits and gets back. Save takes the textarea's JSON, import the
 * uploaded file's, reset removes the stored policy; the same validation (parsePolicy) for both
 * texts. On failure the state keeps the text the user typed, so nothing is lost.
 */
import { z } from "zod";
import type { Actor } from "@/lib/audit/actor";
import { serializePolicy } from "@/lib/stale/policy";
import { isLedgerError, issuesOf, type ValidationIssue } from "@/lib/errors";
import { defaultPolicy } from "../parse-policy-text";
import { resetPolicy, savePolicy } from "./policy-store";

export type PolicyFormState = {
  status: "idle" | "saved" | "imported" | "reset" | "invalid";
  /** The textarea's content after this submission. */
  text: string;
  /** One per bad field of the policy (path "keepLatest"; "" for the text as a whole), or of the form ("file"). */
  issues: readonly ValidationIssue[];
  /** The imported file's name when its text is the one refused. */
  source?: string;
};

const formSchema = z.object({
  intent: z.enum(["save", "import", "reset"]),
  text: z.string().default(""),
  file: z.instanceof(File).optional(),
});

/** `actor`: who submits (the audit log's actor of a save or reset). */
export async function submitPolicyForm(formData: FormData, actor: Actor): Promise<PolicyFormState> {
  const input = formSchema.safeParse({
    intent: formData.get("intent") ?? "save",
    text: formData.get("text") ?? undefined,
    file: formData.get("file") ?? undefined,
  });
  if (!input.success)
    return {
      status: "invalid",
      text: String(formData.get("text") ?? ""),
      issues: [{ path: "", message: "the form was not understood; reload the page" }],
    };
  const { intent, text, file } = input.data;
  if (intent === "reset") {
    await resetPolicy(actor);
    return { status: "reset", text: serializePolicy(defaultPolicy()), issues: [] };
  }
  if (intent === "import" && (file === undefined || file.size === 0)) {
    return { status: "invalid", text, issues: [{ path: "file", message: "choose a .json file first" }] };
  }
  const source = intent === "import" && file ? await file.text() : text;
  try {
    const saved = await savePolicy(source, actor);
    return { status: intent === "import" ? "imported" : "saved", text: saved.document, issues: [] };
  } catch (error) {
    if (!isLedgerError(error, "validation")) throw error;
    // The editor keeps what was typed, also when an imported file is the one rejected.
    return {
      status: "invalid",
      text,
      issues: issuesOf(error),
      ...(intent === "import" && file ? { source: file.name } : {}),
    };
  }
}

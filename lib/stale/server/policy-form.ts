/**
 * What the policy editor's form submits and gets back. Save takes the textarea's JSON, import the
 * uploaded file's, reset removes the stored policy; the same validation (parsePolicy) for both
 * texts. On failure the state keeps the text the user typed, so nothing is lost.
 */
import { z } from "zod";
import { serializePolicy } from "@/lib/stale/policy";
import { describeError, isLedgerError } from "@/lib/errors";
import { defaultPolicy, listPolicyProblems } from "../parse-policy-text";
import { resetPolicy, savePolicy } from "./policy-store";

export type PolicyFormState = {
  status: "idle" | "saved" | "imported" | "reset" | "invalid";
  /** The textarea's content after this submission. */
  text: string;
  /** One line per bad field ("keepLatest: must be a whole number"). */
  problems: string[];
};

const formSchema = z.object({
  intent: z.enum(["save", "import", "reset"]),
  text: z.string().default(""),
  file: z.instanceof(File).optional(),
});

export async function submitPolicyForm(formData: FormData): Promise<PolicyFormState> {
  const input = formSchema.safeParse({
    intent: formData.get("intent") ?? "save",
    text: formData.get("text") ?? undefined,
    file: formData.get("file") ?? undefined,
  });
  if (!input.success) return { status: "invalid", text: String(formData.get("text") ?? ""), problems: ["the form was not understood; reload the page"] };
  const { intent, text, file } = input.data;
  if (intent === "reset") {
    await resetPolicy();
    return { status: "reset", text: serializePolicy(defaultPolicy()), problems: [] };
  }
  if (intent === "import" && (file === undefined || file.size === 0)) {
    return { status: "invalid", text, problems: ["Import JSON: choose a .json file first"] };
  }
  const source = intent === "import" && file ? await file.text() : text;
  try {
    const saved = await savePolicy(source);
    return { status: intent === "import" ? "imported" : "saved", text: saved.document, problems: [] };
  } catch (error) {
    if (!isLedgerError(error, "validation")) throw error;
    const problems = listPolicyProblems(describeError(error));
    // The editor keeps what was typed, also when an imported file is the one rejected.
    return { status: "invalid", text, problems: intent === "import" && file ? problems.map((p) => `${file.name}: ${p}`) : problems };
  }
}

"use server";

import { revalidatePath } from "next/cache";
import { authorizePage } from "@/lib/auth/server/authorize-page";
import { submitPolicyForm, type PolicyFormState } from "@/lib/stale/server/policy-form";

export async function policyFormAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  await authorizePage({ action: "edit-policy" });
  const state = await submitPolicyForm(formData);
  if (state.status !== "invalid") revalidatePath("/stale/policy");
  return state;
}

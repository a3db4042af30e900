"use server";

import { revalidatePath } from "next/cache";
import { requestActor } from "@/lib/audit/server/request-actor";
import { authorizePage } from "@/lib/auth/server/authorize-page";
import { submitPolicyForm, type PolicyFormState } from "@/lib/stale/server/policy-form";

export async function policyFormAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const auth = await authorizePage({ action: "edit-policy" });
  const state = await submitPolicyForm(formData, requestActor(auth));
  if (state.status !== "invalid") revalidatePath("/stale/policy");
  return state;
}

"use server";

import { revalidatePath } from "next/cache";
import { submitPolicyForm, type PolicyFormState } from "@/lib/stale/server/policy-form";

export async function policyFormAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const state = await submitPolicyForm(formData);
  if (state.status !== "invalid") revalidatePath("/stale/policy");
  return state;
}

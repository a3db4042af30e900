/**
 * Microsoft Graph, for a groups overage: Entra leaves `groups` out of an ID token for a user in
 * more groups than it carries (`_claim_names.groups` instead); the memberships are then read with
 * getMemberObjects, as the app itself (client credentials for Graph; the app registration needs
 * the GroupMember.Read.All application permission).
 */
import "server-only";
import { clientCredentialsGrant, type Configuration } from "openid-client";
import { z } from "zod";
import { LedgerError } from "@/lib/errors";

const memberObjectsSchema = z.object({ value: z.array(z.string()) });

export async function listMemberGroups(config: Configuration, graphUrl: string, userId: string): Promise<string[]> {
  const { access_token: token } = await clientCredentialsGrant(config, { scope: `${graphUrl}/.default` });
  const response = await fetch(`${graphUrl}/v1.0/users/${encodeURIComponent(userId)}/getMemberObjects`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ securityEnabledOnly: false }),
  });
  if (!response.ok) {
    throw new LedgerError("unavailable", `Microsoft Graph answered ${response.status} to getMemberObjects`);
  }
  return memberObjectsSchema.parse(await response.json()).value;
}

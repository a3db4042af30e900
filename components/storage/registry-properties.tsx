import { DateTime } from "@/components/ui/date-time";
import { DefinitionList } from "@/components/ui/definition-list";
import { Panel } from "@/components/ui/panel";
import type { RegistryDetail } from "@/lib/storage/server/get-registry-detail";

type Detail = NonNullable<RegistryDetail>;

function yesNo(value: boolean): string {
  return value ? "yes" : "no";
}

function withDays(status: string | null, days: number | null): string | null {
  if (!status) return null;
  return days === null ? status : `${status} (${days} days)`;
}

export function RegistryProperties({ detail }: { detail: Detail }) {
  const { properties: p, networkRules: n, policies } = detail;
  const tags = Object.entries(detail.tags);
  return (
    <div className="grid-2">
      <Panel title="Properties" testId="registry-properties">
        <DefinitionList
          items={[
            { label: "Login server", value: p.loginServer },
            { label: "SKU", value: p.skuName, testId: "registry-sku" },
            { label: "Location", value: p.location, testId: "registry-location" },
            { label: "Subscription", value: <code>{p.subscriptionId}</code> },
            { label: "Resource group", value: p.resourceGroup },
            { label: "Admin user", value: yesNo(p.adminUserEnabled), testId: "registry-admin-user" },
            { label: "Public network access", value: p.publicNetworkAccess, testId: "registry-public-access" },
            { label: "Anonymous pull", value: yesNo(p.anonymousPullEnabled) },
            { label: "Data endpoint", value: yesNo(p.dataEndpointEnabled) },
            { label: "Zone redundancy", value: p.zoneRedundancy },
            { label: "Encryption", value: p.encryptionStatus },
            { label: "Role assignment mode", value: p.roleAssignmentMode },
            { label: "Created", value: <DateTime iso={p.createdAt} /> },
            { label: "Last synced", value: <DateTime iso={p.lastSyncedAt} /> },
          ]}
        />
      </Panel>
      <div className="stack">
        <Panel title="Network rules">
          <DefinitionList
            items={[
              { label: "Default action", value: n.defaultAction },
              { label: "IP rules", value: String(n.ipRuleCount) },
              { label: "Bypass", value: n.bypassOptions },
              { label: "Private endpoints", value: String(p.privateEndpointCount) },
            ]}
          />
        </Panel>
        <Panel title="Policies">
          <DefinitionList
            items={[
              { label: "Retention (untagged)", value: withDays(policies.retention, policies.retentionDays) },
              { label: "Soft delete", value: withDays(policies.softDelete, policies.softDeleteDays) },
              { label: "Content trust", value: policies.trust },
              { label: "Quarantine", value: policies.quarantine },
              { label: "Export", value: policies.export },
            ]}
          />
        </Panel>
        <Panel title="Tags">
          {tags.length === 0 ? (
            <p className="empty">No tags.</p>
          ) : (
            <DefinitionList items={tags.map(([key, value]) => ({ label: key, value }))} />
          )}
        </Panel>
      </div>
    </div>
  );
}

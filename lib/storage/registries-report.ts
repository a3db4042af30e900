import { listRegistries, registryFilterSchema } from "@/lib/storage/server/list-registries";
import { defineReport, pageThrough } from "../reports/define-report";

const PAGE_SIZE = 500;

export const registriesReport = defineReport({
  name: "registries",
  description: "Every current registry with its settings, counts and storage totals",
  columns: [
    "subscription_id",
    "resource_group",
    "registry",
    "login_server",
    "location",
    "sku",
    "admin_user_enabled",
    "public_network_access",
    "replica_count",
    "repository_count",
    "manifest_count",
    "tag_count",
    "logical_bytes",
    "stored_bytes",
    "reported_usage_bytes",
    "last_synced_at",
  ],
  options: registryFilterSchema,
  optionDescriptions: {
    search: "only registries whose name contains this text",
    subscription: "only registries of this subscription id",
  },
  async *rows(filter) {
    const registries = pageThrough((page) => listRegistries({ ...filter, page, pageSize: PAGE_SIZE }));
    for await (const r of registries) {
      yield {
        subscription_id: r.subscriptionId,
        resource_group: r.resourceGroup,
        registry: r.name,
        login_server: r.loginServer,
        location: r.location,
        sku: r.skuName,
        admin_user_enabled: r.adminUserEnabled,
        public_network_access: r.publicNetworkAccess,
        replica_count: r.replicaCount,
        repository_count: r.repositoryCount,
        manifest_count: r.manifestCount,
        tag_count: r.tagCount,
        logical_bytes: r.logicalBytes,
        stored_bytes: r.storedBytes,
        reported_usage_bytes: r.reportedUsageBytes,
        last_synced_at: r.lastSyncedAt,
      };
    }
  },
});

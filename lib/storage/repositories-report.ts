import { formatMoney } from "@/lib/costs/money";
import { daySchema } from "@/lib/validation";
import { listRepositories, repositoryFilterSchema } from "@/lib/storage/server/list-repositories";
import { defineReport, pageThrough } from "../reports/define-report";

const PAGE_SIZE = 1000;

export const repositoriesReport = defineReport({
  name: "repositories",
  teamScoped: true,
  description: "Storage per repository: logical, unique and attributed bytes with counts",
  columns: [
    "registry",
    "repository",
    "manifest_count",
    "tag_count",
    "untagged_manifest_count",
    "logical_bytes",
    "unique_bytes",
    "attributed_bytes",
    "last_updated_at",
    // Appended: the columns above are a contract and never move.
    "monthly_storage_cost",
  ],
  numericColumns: ["monthly_storage_cost"],
  options: repositoryFilterSchema.extend({ asOf: daySchema.optional() }),
  optionDescriptions: {
    search: "only repositories whose name contains this text",
    registry: "only repositories of this registry (by name)",
    asOf: "monthly_storage_cost counts the month of this day up to it, YYYY-MM-DD (default: today, UTC)",
  },
  async *rows({ asOf, ...filter }, access) {
    // Sorted by registry then repository whatever the page's sort: the CSV's order is a contract.
    const repositories = pageThrough((page) =>
      listRepositories({ ...filter, today: asOf, sort: "registry", dir: "asc", page, pageSize: PAGE_SIZE }, access),
    );
    for await (const r of repositories) {
      yield {
        registry: r.registryName,
        repository: r.name,
        manifest_count: r.manifestCount,
        tag_count: r.tagCount,
        untagged_manifest_count: r.untaggedManifestCount,
        logical_bytes: r.logicalBytes,
        unique_bytes: r.uniqueBytes,
        attributed_bytes: r.attributedBytes,
        last_updated_at: r.lastUpdatedAt,
        monthly_storage_cost:
          r.monthlyStorageCostMicros === null ? null : formatMoney(BigInt(r.monthlyStorageCostMicros), 6),
      };
    }
  },
});

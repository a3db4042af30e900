/**
 * Every in-use import, uploaded (a cluster's pods, a list) or synced from Azure (a subscription's
 * Container Apps or App Service sites), with its date and counts: what protects images from
 * cleanup, and since when. Shared by the stale tags page and GET /api/in-use.
 */
import "server-only";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import { isSameRegistry } from "@/lib/in-use/image-reference";

export type InUseSourceKind = "kubernetes" | "list" | "azure-container-apps" | "azure-app-service";

export type InUseImportRow = {
  /** The cluster name, or `azure-container-apps/<subscription>` / `azure-app-service/<subscription>`. */
  name: string;
  sourceKind: InUseSourceKind;
  /** The subscription of an Azure source; null for uploads. */
  subscriptionId: string | null;
  importedAt: Date;
  /** Containers (pods, apps) or lines read. */
  images: number;
  /** Distinct references stored. */
  references: number;
  /** Of those, references to a registry of the inventory (its login server or a geo-replica's regional endpoint). */
  inventoryReferences: number;
  /** Distinct digests pinned or reported running. */
  digests: number;
  /** Distinct Azure resources (apps, jobs, sites, slots); 0 for uploads. */
  resources: number;
};

const AZURE_SOURCES = new Set(["azure-container-apps", "azure-app-service"]);

type Row = {
  id: number;
  name: string;
  sourceKind: string;
  importedAt: Date;
  images: number;
  references: number;
  digests: number;
  resources: number;
};

export async function listInUseImports(): Promise<InUseImportRow[]> {
  const db = await getDb();
  const [imports, hosts, registries] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT i.id, i.cluster_name AS name, i.source_kind AS "sourceKind", i.imported_at AS "importedAt",
             i.image_count AS images, i.reference_count AS "references",
             count(DISTINCT r.digest)::int AS digests, count(DISTINCT r.resource_id)::int AS resources
        FROM in_use_imports i LEFT JOIN in_use_image_references r ON r.import_id = i.id
       GROUP BY i.id
       ORDER BY i.imported_at DESC, i.cluster_name`,
    db.$queryRaw<{ importId: number; host: string; references: number }[]>`
      SELECT import_id AS "importId", login_server AS host, count(*)::int AS "references"
        FROM in_use_image_references GROUP BY import_id, login_server`,
    db.registry.findMany({ where: CURRENT_REGISTRY, select: { loginServer: true } }),
  ]);
  const inventory = (host: string) => registries.some((r) => isSameRegistry(host, r.loginServer));
  const inventoryReferences = new Map<number, number>();
  for (const h of hosts)
    if (inventory(h.host))
      inventoryReferences.set(h.importId, (inventoryReferences.get(h.importId) ?? 0) + h.references);
  return imports.map(({ id, ...row }) => ({
    ...row,
    sourceKind: row.sourceKind as InUseSourceKind,
    subscriptionId: AZURE_SOURCES.has(row.sourceKind) ? row.name.slice(row.name.indexOf("/") + 1) : null,
    inventoryReferences: inventoryReferences.get(id) ?? 0,
  }));
}

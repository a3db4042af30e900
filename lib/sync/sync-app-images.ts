/**
 * After the registries: the images the synced subscriptions' apps run (Container Apps and jobs;
 * App Service and Functions sites and slots), stored as in-use imports named
 * `azure-container-apps/<subscription>` and `azure-app-service/<subscription>`. Each import is
 * replaced atomically, under the same per-name advisory lock as uploaded imports. A source that
 * cannot be read (provider not registered, no permission, an error) keeps its previous import
 * and becomes an entry of the sync run's errors; it never fails the inventory.
 */
import type { Pool } from "pg";
import {
  listAppServiceImages,
  listContainerAppImages,
  type AppImagesListing,
  type AppImagesSource,
} from "../azure/app-images";
import type { AzureConnection } from "../azure/connection";
import { appImageReferences, type AppReference } from "../in-use/app-references";
import { describeError } from "../errors";
import { col, insertRows } from "./bulk";
import type { SyncSummary } from "./types";

type SyncError = SyncSummary["errors"][number];

const SOURCES: {
  source: AppImagesSource;
  label: string;
  list: (c: AzureConnection, subscriptionId: string) => Promise<AppImagesListing>;
}[] = [
  { source: "azure-container-apps", label: "Container Apps", list: listContainerAppImages },
  { source: "azure-app-service", label: "App Service", list: listAppServiceImages },
];

/** The in-use import an Azure source of a subscription is kept under. */
export function appImportName(source: AppImagesSource, subscriptionId: string): string {
  return `${source}/${subscriptionId.toLowerCase()}`;
}

type Row = AppReference & { importId: number };

const COLUMNS = [
  col.int<Row>("import_id", (r) => r.importId),
  col.text<Row>("login_server", (r) => r.loginServer),
  col.text<Row>("repository", (r) => r.repository),
  col.text<Row>("tag", (r) => r.tag),
  col.text<Row>("digest", (r) => r.digest),
  col.text<Row>("digest_source", (r) => r.digestSource),
  col.text<Row>("container", (r) => r.container),
  col.text<Row>("resource_id", (r) => r.resourceId),
  col.int<Row>("occurrences", (r) => r.count),
];
async function replaceImport(
  pool: Pool,
  name: string,
  source: AppImagesSource,
  importedAt: Date,
  references: AppReference[],
  imageCount: number,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('in_use_import'), hashtext($1))", [name]);
    await client.query("DELETE FROM in_use_imports WHERE cluster_name = $1", [name]);
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO in_use_imports (cluster_name, source_kind, imported_at, reference_count, image_count) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [name, source, importedAt, references.length, imageCount],
    );
    await insertRows(
      client,
      "in_use_image_references",
      COLUMNS,
      references.map((r) => ({ ...r, importId: rows[0].id })),
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Reads and stores every source of every subscription; returns the sync-run errors (empty when all went well). */
export async function syncAppImages(
  pool: Pool,
  connection: AzureConnection,
  subscriptionIds: string[],
  importedAt: Date,
): Promise<SyncError[]> {
  const errors: SyncError[] = [];
  for (const subscriptionId of subscriptionIds) {
    const where = `subscription ${subscriptionId}`;
    for (const { source, label, list } of SOURCES) {
      try {
        const listing = await list(connection, subscriptionId);
        if (!listing.ok) {
          errors.push({
            registry: where,
            message: `In-use images from ${label} not read, previous kept: ${listing.message}`,
          });
          continue;
        }
        const { references, problems } = appImageReferences(listing.images);
        await replaceImport(
          pool,
          appImportName(source, subscriptionId),
          source,
          importedAt,
          references,
          listing.images.length,
        );
        for (const problem of [...listing.problems, ...problems])
          errors.push({ registry: where, message: `In-use images from ${label}: skipped ${problem}` });
      } catch (error) {
        const message = describeError(error).split("\n")[0].slice(0, 500);
        errors.push({ registry: where, message: `In-use images from ${label} not read, previous kept: ${message}` });
      }
    }
  }
  return errors;
}

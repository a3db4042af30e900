/**
 * The container images the apps of a subscription run, through the official management SDKs:
 * Container Apps and their jobs (`@azure/arm-appcontainers`: template containers and init
 * containers, plus the other active revisions of apps in multiple-revision mode, which still
 * serve traffic with older images) and App Service / Functions sites with their deployment slots
 * (`@azure/arm-appservice`: `siteConfig.linuxFxVersion` / `windowsFxVersion`, and the
 * sitecontainers of sidecar-mode sites). Listing sites does not return those settings, so each
 * site's (and slot's) `config/web` is read, a few at a time.
 *
 * A provider the subscription has not registered, or that the identity may not read, answers
 * 403/404 (409 when unregistered): that is an error entry naming the subscription and provider,
 * not an exception, so the other subscriptions and providers still count.
 */
import { ContainerAppsAPIClient } from "@azure/arm-appcontainers";
import { WebSiteManagementClient } from "@azure/arm-appservice";
import { isRestError } from "@azure/core-rest-pipeline";
import pLimit from "p-limit";
import { readSiteConfigImages, siteResourceKind } from "../in-use/app-service-images";
import { describeError } from "../errors";
import { pipelineOptions, type AzureConnection } from "./connection";

export type AzureAppKind = "containerapp" | "containerapp-job" | "webapp" | "functionapp";

export type AzureAppImage = {
  /** ARM id of the container app, job, site or slot, as Azure spells it. */
  resourceId: string;
  resourceKind: AzureAppKind;
  /** Container name (Container Apps, sitecontainers); null for a site's single DOCKER| image. */
  container: string | null;
  /** The image reference as configured, e.g. `myreg.azurecr.io/shop/web:1.2`. */
  image: string;
};

export type AppImagesSource = "azure-container-apps" | "azure-app-service";
export type AppProvider = "Microsoft.App" | "Microsoft.Web";

export type AppImagesListing =
  | {
      ok: true;
      source: AppImagesSource;
      subscriptionId: string;
      /** Apps, jobs, sites and slots read. */
      resources: number;
      images: AzureAppImage[];
      /** Settings that name no readable image (e.g. `DOCKER|` with nothing after it). */
      problems: string[];
    }
  | {
      ok: false;
      source: AppImagesSource;
      subscriptionId: string;
      provider: AppProvider;
      status: number;
      message: string;
    };

/** Per-app reads (revisions, slots, configs) in flight per subscription: ARM throttles per subscription. */
const APP_CONCURRENCY = 8;
/** Not registered (409 MissingSubscriptionRegistration), not allowed (403), not there (404). */
const NOT_AVAILABLE = new Set([403, 404, 409]);

function clientOptions(connection: AzureConnection) {
  return {
    endpoint: connection.armEndpoint,
    credentials: { scopes: [connection.armScope] },
    ...pipelineOptions(connection),
  };
}

function unavailable(
  error: unknown,
  source: AppImagesSource,
  subscriptionId: string,
  provider: AppProvider,
): AppImagesListing {
  if (!isRestError(error) || error.statusCode === undefined || !NOT_AVAILABLE.has(error.statusCode)) throw error;
  const code = error.code ? ` ${error.code}` : "";
  const message = `${provider} in subscription ${subscriptionId}: HTTP ${error.statusCode}${code}: ${describeError(error)}`;
  return {
    ok: false,
    source,
    subscriptionId,
    provider,
    status: error.statusCode,
    message: message.replace(/\s+/g, " ").trim(),
  };
}

type Template = {
  containers?: { name?: string; image?: string }[];
  initContainers?: { name?: string; image?: string }[];
};

function templateImages(
  resourceId: string,
  resourceKind: AzureAppKind,
  template: Template | undefined,
): AzureAppImage[] {
  return [...(template?.initContainers ?? []), ...(template?.containers ?? [])]
    .filter((c) => c.image)
    .map((c) => ({ resourceId, resourceKind, container: c.name ?? null, image: c.image! }));
}

/** `/subscriptions/s/resourceGroups/RG/providers/Microsoft.App/containerApps/NAME` → its parts. */
function containerAppParts(id: string): { resourceGroup: string; name: string } {
  const m = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.App\/containerApps\/([^/]+)$/i.exec(id);
  if (!m) throw new Error(`Unexpected container app id ${id}`);
  return { resourceGroup: m[1], name: m[2] };
}

/** Images of the app's active revisions that its template does not name (older revisions still taking traffic). */
async function otherRevisionImages(
  client: ContainerAppsAPIClient,
  appId: string,
  template: AzureAppImage[],
): Promise<AzureAppImage[]> {
  const { resourceGroup, name } = containerAppParts(appId);
  const out: AzureAppImage[] = [];
  for await (const revision of client.containerAppsRevisions.listRevisions(resourceGroup, name)) {
    if (!revision.active || !revision.id) continue;
    for (const image of templateImages(revision.id, "containerapp", revision.template)) {
      if (!template.some((t) => t.container === image.container && t.image === image.image)) out.push(image);
    }
  }
  return out;
}

export async function listContainerAppImages(
  connection: AzureConnection,
  subscriptionId: string,
): Promise<AppImagesListing> {
  const client = new ContainerAppsAPIClient(connection.credential, subscriptionId, clientOptions(connection));
  const source = "azure-container-apps";
  const limit = pLimit(APP_CONCURRENCY);
  try {
    const images: AzureAppImage[] = [];
    const apps: { id: string; template: AzureAppImage[] }[] = [];
    for await (const app of client.containerApps.listBySubscription()) {
      if (!app.id) continue;
      const template = templateImages(app.id, "containerapp", app.template);
      apps.push({ id: app.id, template });
      images.push(...template);
    }
    const revisions = await Promise.all(
      apps.map((app) => limit(() => otherRevisionImages(client, app.id, app.template))),
    );
    images.push(...revisions.flat());
    let resources = apps.length;
    for await (const job of client.jobs.listBySubscription()) {
      resources += 1;
      images.push(...templateImages(job.id ?? "", "containerapp-job", job.template));
    }
    return { ok: true, source, subscriptionId, resources, images, problems: [] };
  } catch (error) {
    return unavailable(error, source, subscriptionId, "Microsoft.App");
  }
}

/** `/subscriptions/s/resourceGroups/RG/providers/Microsoft.Web/sites/NAME[/slots/SLOT]` → its parts. */
function siteParts(id: string): { resourceGroup: string; name: string; slot?: string } {
  const m = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/sites\/([^/]+)(?:\/slots\/([^/]+))?$/i.exec(id);
  if (!m) throw new Error(`Unexpected site id ${id}`);
  return { resourceGroup: m[1], name: m[2], slot: m[3] };
}

type SiteRef = { id: string; kind?: string };

async function siteImages(
  client: WebSiteManagementClient,
  site: SiteRef,
  problems: string[],
): Promise<AzureAppImage[]> {
  const { resourceGroup, name, slot } = siteParts(site.id);
  const { webApps } = client;
  const config =
    slot === undefined
      ? await webApps.getConfiguration(resourceGroup, name)
      : await webApps.getConfigurationSlot(resourceGroup, name, slot);
  const resourceKind = siteResourceKind(site.kind);
  const read = readSiteConfigImages(config);
  if (read.kind === "images")
    return read.images.map((image) => ({ resourceId: site.id, resourceKind, container: null, image }));
  if (read.kind === "invalid") problems.push(`${site.id}: ${read.error}`);
  if (read.kind !== "sitecontainers") return [];
  const images: AzureAppImage[] = [];
  const containers =
    slot === undefined
      ? webApps.listSiteContainers(resourceGroup, name)
      : webApps.listSiteContainersSlot(resourceGroup, name, slot);
  for await (const c of containers)
    if (c.image) images.push({ resourceId: site.id, resourceKind, container: c.name ?? null, image: c.image });
  return images;
}

export async function listAppServiceImages(
  connection: AzureConnection,
  subscriptionId: string,
): Promise<AppImagesListing> {
  const client = new WebSiteManagementClient(connection.credential, subscriptionId, clientOptions(connection));
  const source = "azure-app-service";
  const limit = pLimit(APP_CONCURRENCY);
  try {
    const sites: SiteRef[] = [];
    for await (const site of client.webApps.list()) if (site.id) sites.push({ id: site.id, kind: site.kind });
    // Slots run images too: after a swap, staging holds what production ran before.
    const slots = await Promise.all(
      sites.map((site) =>
        limit(async () => {
          const { resourceGroup, name } = siteParts(site.id);
          const out: SiteRef[] = [];
          for await (const slot of client.webApps.listSlots(resourceGroup, name))
            if (slot.id) out.push({ id: slot.id, kind: slot.kind ?? site.kind });
          return out;
        }),
      ),
    );
    const all = [...sites, ...slots.flat()];
    const problems: string[] = [];
    const images = await Promise.all(all.map((site) => limit(() => siteImages(client, site, problems))));
    return { ok: true, source, subscriptionId, resources: all.length, images: images.flat(), problems };
  } catch (error) {
    return unavailable(error, source, subscriptionId, "Microsoft.Web");
  }
}

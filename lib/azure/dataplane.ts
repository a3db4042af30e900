/**
 * The registry data plane through @azure/container-registry. The client handles the 401
 * challenge and the AAD → ACR token exchange itself; we pass the audience explicitly.
 */
import { ContainerRegistryClient, ContainerRegistryContentClient } from "@azure/container-registry";
import { isRestError } from "@azure/core-rest-pipeline";
import { LRUCache } from "lru-cache";
import { pipelineOptions, type AzureConnection } from "./connection";
import { parseManifestBody } from "./manifest-body";
import type { AzureManifest, AzureRepository, AzureTag, LockAttributes, ManifestContent } from "./types";

/**
 * The 1.1.2 client lists tags through an artifact, yet its request is the repository's whole tag
 * list (GET /acr/v1/{repository}/_tags, no digest filter): any digest names the artifact, so the
 * tags need not wait for the manifest listing.
 */
const ANY_ARTIFACT = `sha256:${"0".repeat(64)}`;

/** Large pages: fewer round trips; the service caps them and pages on with Link headers. */
const PAGE_SIZE = 1000;

/** null: it was deleted between the listing that named it and this read (pushes and deletes go on during a sync). */
export type DataPlane = {
  listRepositoryNames(): Promise<string[]>;
  getRepository(name: string): Promise<AzureRepository | null>;
  listManifests(repository: string): Promise<AzureManifest[] | null>;
  /** Every tag of a repository. */
  listTags(repository: string): Promise<AzureTag[] | null>;
  getManifestContent(repository: string, digest: string): Promise<ManifestContent | null>;
};

/** Follows every page (the service caps page size and links the next one) and maps each item. */
async function collectPages<T, R>(pages: AsyncIterable<T[]>, map: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for await (const page of pages) for (const item of page) out.push(map(item));
  return out;
}

async function nullIfGone<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isRestError(error) && error.statusCode === 404) return null;
    throw error;
  }
}

/** ACR's changeable attributes; absent means enabled. */
function locks(p: { canDelete?: boolean; canWrite?: boolean; canList?: boolean; canRead?: boolean }): LockAttributes {
  return {
    deleteEnabled: p.canDelete ?? true,
    writeEnabled: p.canWrite ?? true,
    listEnabled: p.canList ?? true,
    readEnabled: p.canRead ?? true,
  };
}

/**
 * Repositories whose metadata clients (and so their ACR access tokens) are kept between syncs:
 * about 25 KB each, so at most ~50 MB. An estate with more repositories than this reads the
 * least recently synced ones with a new token, as the first sync does.
 */
const KEPT_REPOSITORY_CLIENTS = 2_000;
/** Kept no longer than an ACR access token is worth reusing (they live about an hour and a quarter). */
const KEPT_CLIENT_TTL_MS = 60 * 60 * 1000;

const planes = new WeakMap<AzureConnection, Map<string, DataPlane>>();

/**
 * The data plane of a registry for this connection, kept for the connection's lifetime: its
 * per-repository clients still hold their ACR access tokens at the next sync, so reading an
 * unchanged repository's properties is one request instead of a challenge, a token exchange and
 * the read. (The SDK answers an expired token's 401 challenge with a fresh token by itself.)
 */
export function dataPlaneFor(connection: AzureConnection, loginServer: string): DataPlane {
  let byServer = planes.get(connection);
  if (!byServer) planes.set(connection, (byServer = new Map()));
  let plane = byServer.get(loginServer.toLowerCase());
  if (!plane) byServer.set(loginServer.toLowerCase(), (plane = createDataPlane(connection, loginServer)));
  return plane;
}

export function createDataPlane(connection: AzureConnection, loginServer: string): DataPlane {
  const endpoint = `https://${loginServer}`;
  const options = { audience: connection.acrAudience, ...pipelineOptions(connection) };
  const catalogClient = new ContainerRegistryClient(endpoint, connection.credential, options);
  // ACR access tokens are scoped per repository and the SDK keeps one per client (with one refresh
  // token): a client shared by repositories in flight at once would be re-challenged on every
  // switch. So each repository has its own clients, whose first request goes alone (the others
  // wait for it): one challenge and one token then serve all of that repository's requests, and,
  // since the metadata clients are kept, the next syncs' requests too.
  const metadataClients = new LRUCache<string, Gated<ContainerRegistryClient>>({ max: KEPT_REPOSITORY_CLIENTS, ttl: KEPT_CLIENT_TTL_MS });
  const contentClients = new LRUCache<string, Gated<ContainerRegistryContentClient>>({ max: 256 });
  const metadata = (repository: string) => {
    let client = metadataClients.get(repository);
    if (!client) metadataClients.set(repository, (client = gated(new ContainerRegistryClient(endpoint, connection.credential, options))));
    return client;
  };
  const content = (repository: string) => {
    let client = contentClients.get(repository);
    if (!client) contentClients.set(repository, (client = gated(new ContainerRegistryContentClient(endpoint, repository, connection.credential, options))));
    return client;
  };
  return {
    async listRepositoryNames() {
      return collectPages(catalogClient.listRepositoryNames().byPage({ maxPageSize: PAGE_SIZE }), (name) => name);
    },
    async getRepository(name) {
      const p = await nullIfGone(() => metadata(name).run((c) => c.getRepository(name).getProperties()));
      if (!p) return null;
      return {
        name: p.name,
        createdAt: p.createdOn,
        lastUpdatedAt: p.lastUpdatedOn,
        manifestCount: p.manifestCount,
        tagCount: p.tagCount,
        ...locks(p),
      };
    },
    listManifests: (repository) => nullIfGone(() => metadata(repository).run((client) =>
      collectPages(client.getRepository(repository).listManifestProperties().byPage({ maxPageSize: PAGE_SIZE }), (m): AzureManifest => ({
        digest: m.digest,
        sizeBytes: m.sizeInBytes,
        architecture: m.architecture,
        os: m.operatingSystem,
        createdAt: m.createdOn,
        lastUpdatedAt: m.lastUpdatedOn,
        tags: m.tags ?? [],
        references: (m.relatedArtifacts ?? []).map((r) => ({ digest: r.digest, architecture: r.architecture, os: r.operatingSystem })),
        ...locks(m),
      })),
    )),
    listTags: (repository) => nullIfGone(async () => {
      const client = await metadata(repository).ready();
      return collectPages(client.getArtifact(repository, ANY_ARTIFACT).listTagProperties().byPage({ maxPageSize: PAGE_SIZE }), (t): AzureTag => ({
        name: t.name,
        digest: t.digest,
        createdAt: t.createdOn,
        lastUpdatedAt: t.lastUpdatedOn,
        ...locks(t),
      }));
    }),
    getManifestContent: (repository, digest) => nullIfGone(async () => {
      const result = await content(repository).run((c) => c.getManifest(digest));
      return parseManifestBody(digest, result.mediaType, result.content);
    }),
  };
}

/** A client whose first call runs alone; later calls wait for it, then share its token. */
type Gated<C> = { run<T>(call: (client: C) => Promise<T>): Promise<T>; ready(): Promise<C> };

function gated<C>(client: C): Gated<C> {
  let first: Promise<unknown> | undefined;
  return {
    async run(call) {
      if (!first) {
        const result = call(client);
        first = result.catch(() => undefined);
        return result;
      }
      await first;
      return call(client);
    },
    async ready() {
      if (first) await first;
      return client;
    },
  };
}

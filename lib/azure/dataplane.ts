/**
 * The registry data plane through @azure/container-registry. Its reads carry access tokens asked
 * for many repositories at once (acr-tokens.ts); the SDK's own 401 challenge and AAD → ACR token
 * exchange remain behind them. We pass the audience explicitly.
 */
import { ContainerRegistryClient, ContainerRegistryContentClient } from "@azure/container-registry";
import { isRestError } from "@azure/core-rest-pipeline";
import { LRUCache } from "lru-cache";
import { describeError, isLedgerError, LedgerError } from "../errors";
import { createRegistryTokens, registryTokenPolicy } from "./acr-tokens";
import { pipelineOptions, type AzureConnection } from "./connection";
import { readManifestBody } from "./manifest-body";
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
  /** The repositories about to be read, in the order they will be: their access is asked for together. */
  willRead(names: readonly string[]): void;
  getRepository(name: string): Promise<AzureRepository | null>;
  listManifests(repository: string): Promise<AzureManifest[] | null>;
  /** Every tag of a repository. */
  listTags(repository: string): Promise<AzureTag[] | null>;
  /**
   * The body's facts; its bytes must hash to `digest`. A body that cannot be read, parsed or
   * trusted fails with a LedgerError "azure" naming the manifest (its caller may go on without it);
   * other errors (such as the sync's deadline) are not about this manifest and pass unchanged.
   */
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

/**
 * Errors that concern one manifest's body, as opposed to the whole read (a deadline, a bug). The
 * SDK's download refuses a body whose sha256 is not the digest asked for (DigestMismatchError: a
 * body stored under a digest it does not have would be wrong for every registry holding that
 * digest), then parses it as JSON (a SyntaxError when it is not).
 */
function isManifestError(error: unknown): boolean {
  return (
    isRestError(error) ||
    isLedgerError(error, "azure") ||
    error instanceof SyntaxError ||
    (error instanceof Error && error.name === "DigestMismatchError")
  );
}

const isUnauthorized = (error: unknown): boolean => isRestError(error) && error.statusCode === 401;

/** ACR's changeable attributes; absent means enabled. */
function locks(p: { canDelete?: boolean; canWrite?: boolean; canList?: boolean; canRead?: boolean }): LockAttributes {
  return {
    deleteEnabled: p.canDelete ?? true,
    writeEnabled: p.canWrite ?? true,
    listEnabled: p.canList ?? true,
    readEnabled: p.canRead ?? true,
  };
}

/** Content clients kept (one per repository): only for reads in flight at once (their tokens are the registry's, below). */
const KEPT_CONTENT_CLIENTS = 64;
/** The key of a registry's one metadata client. */
const REGISTRY = "";

const planes = new WeakMap<AzureConnection, Map<string, DataPlane>>();

/**
 * The data plane of a registry for this connection, kept for the connection's lifetime: its
 * access tokens, each for a run of repositories, still serve the next syncs' reads while they
 * last, so reading an unchanged repository's properties is one request. (A token past its
 * lifetime is asked for again; one the registry refuses is answered by the SDK's own challenge.)
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
  const tokens = createRegistryTokens(connection, loginServer);
  // The registry's tokens go on each request by the repository it reads (acr-tokens.ts), so one
  // client reads every repository's metadata and the catalog. The content client is the SDK's per
  // repository. Should the SDK's own challenge take over (a repository whose tokens the registry
  // refused), a client's first request goes alone and the others wait for it.
  const options = {
    audience: connection.acrAudience,
    ...pipelineOptions(connection),
    additionalPolicies: [{ policy: registryTokenPolicy(tokens), position: "perRetry" as const }],
  };
  const metadata = keyedClients(
    new LRUCache<string, Gated<ContainerRegistryClient>>({ max: 1 }),
    () => new ContainerRegistryClient(endpoint, connection.credential, options),
  );
  const content = keyedClients(
    new LRUCache<string, Gated<ContainerRegistryContentClient>>({ max: KEPT_CONTENT_CLIENTS }),
    (repository) => new ContainerRegistryContentClient(endpoint, repository, connection.credential, options),
  );
  return {
    willRead: (names) => tokens.expect(names),
    async listRepositoryNames() {
      return metadata.run(REGISTRY, (c) =>
        collectPages(c.listRepositoryNames().byPage({ maxPageSize: PAGE_SIZE }), (name) => name),
      );
    },
    async getRepository(name) {
      const p = await nullIfGone(() => metadata.run(REGISTRY, (c) => c.getRepository(name).getProperties()));
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
    listManifests: (repository) =>
      nullIfGone(() =>
        metadata.run(REGISTRY, (client) =>
          collectPages(
            client.getRepository(repository).listManifestProperties().byPage({ maxPageSize: PAGE_SIZE }),
            (m): AzureManifest => ({
              digest: m.digest,
              sizeBytes: m.sizeInBytes,
              architecture: m.architecture,
              os: m.operatingSystem,
              createdAt: m.createdOn,
              lastUpdatedAt: m.lastUpdatedOn,
              tags: m.tags ?? [],
              references: (m.relatedArtifacts ?? []).map((r) => ({
                digest: r.digest,
                architecture: r.architecture,
                os: r.operatingSystem,
              })),
              ...locks(m),
            }),
          ),
        ),
      ),
    listTags: (repository) =>
      nullIfGone(() =>
        metadata.run(REGISTRY, (client) =>
          collectPages(
            client.getArtifact(repository, ANY_ARTIFACT).listTagProperties().byPage({ maxPageSize: PAGE_SIZE }),
            (t): AzureTag => ({
              name: t.name,
              digest: t.digest,
              createdAt: t.createdOn,
              lastUpdatedAt: t.lastUpdatedOn,
              ...locks(t),
            }),
          ),
        ),
      ),
    async getManifestContent(repository, digest) {
      try {
        return await nullIfGone(async () => {
          // Verified against the digest and parsed by the SDK already: neither is done twice.
          const result = await content.run(repository, (c) => c.getManifest(digest));
          return readManifestBody(digest, result.mediaType, result.manifest, result.content.length);
        });
      } catch (error) {
        if (!isManifestError(error)) throw error;
        const reason = describeError(error).split("\n")[0].replace(`Manifest ${digest} `, "");
        throw new LedgerError("azure", `manifest ${repository}@${digest} could not be read: ${reason}`, {
          cause: error,
        });
      }
    },
  };
}

/**
 * Clients by key, each gated (below). A call answered 401 (the client's ACR refresh token revoked
 * or expired past what the SDK refreshes by itself: its cached refresh token is then refused
 * too) drops that client and runs once more on a new one, which exchanges a new refresh token.
 */
function keyedClients<C>(cache: LRUCache<string, Gated<C>>, make: (key: string) => C) {
  const get = (key: string): Gated<C> => {
    let client = cache.get(key);
    if (!client) cache.set(key, (client = gated(make(key))));
    return client;
  };
  return {
    async run<T>(key: string, call: (client: C) => Promise<T>): Promise<T> {
      const client = get(key);
      try {
        return await client.run(call);
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
        if (cache.get(key) === client) cache.delete(key);
        return get(key).run(call);
      }
    },
  };
}

/** A client whose first call runs alone; later calls wait for it, then share its token. */
type Gated<C> = { run<T>(call: (client: C) => Promise<T>): Promise<T> };

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
  };
}

/**
 * The registry data plane through @azure/container-registry. The client handles the 401
 * challenge and the AAD → ACR token exchange itself; we pass the audience explicitly.
 */
import { ContainerRegistryClient, ContainerRegistryContentClient } from "@azure/container-registry";
import { pipelineOptions, type AzureConnection } from "./connection";
import { parseManifestBody } from "./manifest-body";
import type { AzureManifest, AzureRepository, AzureTag, LockAttributes, ManifestContent } from "./types";

/** Large pages: fewer round trips; the service caps them and pages on with Link headers. */
const PAGE_SIZE = 1000;

export type DataPlane = {
  listRepositoryNames(): Promise<string[]>;
  getRepository(name: string): Promise<AzureRepository>;
  listManifests(repository: string): Promise<AzureManifest[]>;
  /** Every tag of a repository (the 1.1.2 client never filters by digest, so list once and group). */
  listTags(repository: string, anyDigest: string): Promise<AzureTag[]>;
  getManifestContent(repository: string, digest: string): Promise<ManifestContent>;
};

/** ACR's changeable attributes; absent means enabled. */
function locks(p: { canDelete?: boolean; canWrite?: boolean; canList?: boolean; canRead?: boolean }): LockAttributes {
  return {
    deleteEnabled: p.canDelete ?? true,
    writeEnabled: p.canWrite ?? true,
    listEnabled: p.canList ?? true,
    readEnabled: p.canRead ?? true,
  };
}

export function createDataPlane(connection: AzureConnection, loginServer: string): DataPlane {
  const endpoint = `https://${loginServer}`;
  const options = { audience: connection.acrAudience, ...pipelineOptions(connection) };
  const client = new ContainerRegistryClient(endpoint, connection.credential, options);
  // One content client per repository: its token scope is per repository anyway.
  const contentClients = new Map<string, ContainerRegistryContentClient>();
  const contentClient = (repository: string) => {
    let c = contentClients.get(repository);
    if (!c) {
      c = new ContainerRegistryContentClient(endpoint, repository, connection.credential, options);
      contentClients.set(repository, c);
    }
    return c;
  };

  return {
    async listRepositoryNames() {
      const names: string[] = [];
      for await (const page of client.listRepositoryNames().byPage({ maxPageSize: PAGE_SIZE })) names.push(...page);
      return names;
    },
    async getRepository(name) {
      const p = await client.getRepository(name).getProperties();
      return {
        name: p.name,
        createdAt: p.createdOn,
        lastUpdatedAt: p.lastUpdatedOn,
        manifestCount: p.manifestCount,
        tagCount: p.tagCount,
        ...locks(p),
      };
    },
    async listManifests(repository) {
      const out: AzureManifest[] = [];
      const pages = client.getRepository(repository).listManifestProperties().byPage({ maxPageSize: PAGE_SIZE });
      for await (const page of pages) {
        for (const m of page) {
          out.push({
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
          });
        }
      }
      return out;
    },
    async listTags(repository, anyDigest) {
      const out: AzureTag[] = [];
      const pages = client.getArtifact(repository, anyDigest).listTagProperties().byPage({ maxPageSize: PAGE_SIZE });
      for await (const page of pages) {
        for (const t of page) {
          out.push({
            name: t.name,
            digest: t.digest,
            createdAt: t.createdOn,
            lastUpdatedAt: t.lastUpdatedOn,
            ...locks(t),
          });
        }
      }
      return out;
    },
    async getManifestContent(repository, digest) {
      const result = await contentClient(repository).getManifest(digest);
      return parseManifestBody(digest, result.mediaType, result.content);
    },
  };
}

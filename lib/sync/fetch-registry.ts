/**
 * Reads one registry from Azure into memory: ARM state, the catalog, and, for repositories whose
 * last-update time moved since the last successful sync, every manifest and tag. Manifest bodies
 * are fetched once per digest ever (a digest never changes). Nothing is written here, so a
 * failure anywhere leaves the stored inventory untouched.
 */
import pLimit from "p-limit";
import { getRegistryDetails } from "../azure/arm";
import type { ContainerRegistryManagementClient } from "@azure/arm-containerregistry";
import type { DataPlane } from "../azure/dataplane";
import type { AzureRegistry, AzureRepository, ManifestContent } from "../azure/types";
import type { ChangedRepository, FetchedRegistry } from "./types";

export type FetchContext = {
  arm: ContainerRegistryManagementClient;
  dataPlane: DataPlane;
  concurrency: number;
  /** Last-update time (ms since epoch) of each stored repository, from the last successful sync. */
  storedUpdatedAt: Map<string, number>;
  /** Of the given digests, those whose bodies we already hold. */
  knownDigests: (digests: string[]) => Promise<Set<string>>;
  onRepositoryDone: () => void;
  onBodyFetched: () => void;
  onCatalog: (repositories: number) => void;
};

export async function fetchRegistry(registry: AzureRegistry, ctx: FetchContext): Promise<FetchedRegistry> {
  const limit = pLimit(ctx.concurrency);
  const [details, repositoryNames] = await Promise.all([
    getRegistryDetails(ctx.arm, registry),
    ctx.dataPlane.listRepositoryNames(),
  ]);
  ctx.onCatalog(repositoryNames.length);

  const unchanged: AzureRepository[] = [];
  const changed: ChangedRepository[] = [];
  await Promise.all(
    repositoryNames.map((name) =>
      limit(async () => {
        const properties = await ctx.dataPlane.getRepository(name);
        const stored = ctx.storedUpdatedAt.get(name);
        if (stored !== undefined && stored === properties.lastUpdatedAt?.getTime()) {
          unchanged.push(properties);
        } else {
          const manifests = await ctx.dataPlane.listManifests(name);
          const tags = manifests.length > 0 ? await ctx.dataPlane.listTags(name, manifests[0].digest) : [];
          changed.push({ properties, manifests, tags });
        }
        ctx.onRepositoryDone();
      }),
    ),
  );

  const newContents = await fetchNewContents(changed, ctx, limit);
  return { registry, details, repositoryNames, unchanged, changed, newContents };
}

async function fetchNewContents(
  changed: ChangedRepository[],
  ctx: FetchContext,
  limit: ReturnType<typeof pLimit>,
): Promise<ManifestContent[]> {
  const repositoryOf = new Map<string, string>();
  for (const repo of changed) {
    for (const m of repo.manifests) if (!repositoryOf.has(m.digest)) repositoryOf.set(m.digest, repo.properties.name);
  }
  const known = await ctx.knownDigests([...repositoryOf.keys()]);
  const missing = [...repositoryOf].filter(([digest]) => !known.has(digest));
  return Promise.all(
    missing.map(([digest, repository]) =>
      limit(async () => {
        const content = await ctx.dataPlane.getManifestContent(repository, digest);
        ctx.onBodyFetched();
        return content;
      }),
    ),
  );
}

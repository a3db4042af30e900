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
  const newContents: ManifestContent[] = [];
  // Digests fetched (or being fetched) in this run: a digest in two repositories is fetched once.
  const claimed = new Set<string>();
  await Promise.all(
    repositoryNames.map(async (name) => {
      const listed = await limit(() => listRepository(name, ctx));
      if (listed.kind === "unchanged") unchanged.push(listed.properties);
      else changed.push(listed.repository);
      ctx.onRepositoryDone();
      if (listed.kind === "unchanged") return;
      // Bodies are fetched as soon as a repository is listed, through the same limit, so the
      // request pipeline stays full instead of waiting for the whole catalog.
      const digests = [...new Set(listed.repository.manifests.map((m) => m.digest))].filter((d) => !claimed.has(d));
      digests.forEach((d) => claimed.add(d));
      const known = await ctx.knownDigests(digests);
      await Promise.all(
        digests
          .filter((digest) => !known.has(digest))
          .map((digest) =>
            limit(async () => {
              newContents.push(await ctx.dataPlane.getManifestContent(name, digest));
              ctx.onBodyFetched();
            }),
          ),
      );
    }),
  );
  return { registry, details, repositoryNames, unchanged, changed, newContents };
}

type Listed = { kind: "unchanged"; properties: AzureRepository } | { kind: "changed"; repository: ChangedRepository };

async function listRepository(name: string, ctx: FetchContext): Promise<Listed> {
  const properties = await ctx.dataPlane.getRepository(name);
  const stored = ctx.storedUpdatedAt.get(name);
  if (stored !== undefined && stored === properties.lastUpdatedAt?.getTime()) return { kind: "unchanged", properties };
  const manifests = await ctx.dataPlane.listManifests(name);
  const tags = manifests.length > 0 ? await ctx.dataPlane.listTags(name, manifests[0].digest) : [];
  return { kind: "changed", repository: { properties, manifests, tags } };
}

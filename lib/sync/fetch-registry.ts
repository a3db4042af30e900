/**
 * Reads one registry from Azure into memory: ARM state, the catalog, and, for repositories whose
 * last-update time moved since the last successful sync, every manifest and tag. Manifest bodies
 * are fetched once per digest ever (a digest never changes). Nothing is written here, so a
 * failure anywhere leaves the stored inventory untouched.
 */
import pLimit from "p-limit";
import { getRegistryDetails, type RunsWatermark } from "../azure/arm";
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
  /** Where run listing may stop (undefined: list all recent runs). */
  runsWatermark?: RunsWatermark;
  /** Of the given digests, those whose bodies we already hold. */
  knownDigests: (digests: string[]) => Promise<Set<string>>;
  onRepositoryDone: () => void;
  onBodyFetched: () => void;
  onCatalog: (repositories: number) => void;
};

export async function fetchRegistry(registry: AzureRegistry, ctx: FetchContext): Promise<FetchedRegistry> {
  const limit = pLimit(ctx.concurrency);
  const [details, catalog] = await Promise.all([getRegistryDetails(ctx.arm, registry, { runsWatermark: ctx.runsWatermark }), ctx.dataPlane.listRepositoryNames()]);
  ctx.onCatalog(catalog.length);

  const unchanged: AzureRepository[] = [];
  const changed: ChangedRepository[] = [];
  const newContents: ManifestContent[] = [];
  // Digests fetched (or being fetched) in this run: a digest in two repositories is fetched once.
  const claimed = new Set<string>();
  await Promise.all(
    catalog.map(async (name) => {
      const listed = await limit(() => listRepository(name, ctx));
      ctx.onRepositoryDone();
      if (listed.kind === "gone") return;
      if (listed.kind === "unchanged") {
        unchanged.push(listed.properties);
        return;
      }
      // Bodies are fetched as soon as a repository is listed, through the same limit, so the
      // request pipeline stays full instead of waiting for the whole catalog.
      const repository = listed.repository;
      const digests = [...new Set(repository.manifests.map((m) => m.digest))].filter((d) => !claimed.has(d));
      digests.forEach((d) => claimed.add(d));
      const known = await ctx.knownDigests(digests);
      const vanished = new Set<string>();
      await Promise.all(
        digests
          .filter((digest) => !known.has(digest))
          .map((digest) =>
            limit(async () => {
              const content = await ctx.dataPlane.getManifestContent(name, digest);
              if (content) newContents.push(content);
              else vanished.add(digest);
              ctx.onBodyFetched();
            }),
          ),
      );
      changed.push(vanished.size === 0 ? repository : withoutDigests(repository, vanished));
    }),
  );
  const repositoryNames = [...unchanged.map((r) => r.name), ...changed.map((c) => c.properties.name)];
  return { registry, details, repositoryNames, unchanged, changed, newContents };
}

type Listed =
  | { kind: "unchanged"; properties: AzureRepository }
  | { kind: "changed"; repository: ChangedRepository }
  | { kind: "gone" };

async function listRepository(name: string, ctx: FetchContext): Promise<Listed> {
  const read = await ctx.dataPlane.getRepository(name);
  if (!read) return { kind: "gone" };
  const properties = { ...read, name }; // the catalog's spelling is the key everywhere
  const stored = ctx.storedUpdatedAt.get(name);
  if (stored !== undefined && stored === properties.lastUpdatedAt?.getTime()) return { kind: "unchanged", properties };
  const [manifests, tags] = await Promise.all([ctx.dataPlane.listManifests(name), ctx.dataPlane.listTags(name)]);
  if (!manifests || !tags) return { kind: "gone" };
  return { kind: "changed", repository: { properties, manifests, tags } };
}

/** A manifest deleted while we read its repository leaves the listing, with the tags on it. */
function withoutDigests(repository: ChangedRepository, gone: Set<string>): ChangedRepository {
  return {
    properties: repository.properties,
    manifests: repository.manifests.filter((m) => !gone.has(m.digest)),
    tags: repository.tags.filter((t) => !gone.has(t.digest)),
  };
}

/**
 * Reads one registry from Azure into memory: ARM state, the catalog, and, for repositories whose
 * last-update time moved since the last successful sync, every manifest and tag. Manifest bodies
 * are fetched once per digest ever (a digest never changes). Nothing is written here, so a
 * failure anywhere leaves the stored inventory untouched.
 *
 * A manifest whose body cannot be read (it keeps failing, or its bytes do not match its digest)
 * does not hold its registry back: the registry's other repositories are stored, and the
 * repository that holds it keeps its last good rows (a new one is stored empty) without a
 * last-update time, so the next sync lists it again and retries the body. So every stored
 * manifest has its facts, every figure describes rows read together, and no tag seems deleted
 * or moved because a body failed; the manifest is listed in `manifestErrors`, named on the run.
 * Many such failures are a registry's failure, not a manifest's: the registry then keeps its last
 * good inventory.
 */
import pLimit from "p-limit";
import { getRegistryDetails, type RunsWatermark } from "../azure/arm";
import type { ContainerRegistryManagementClient } from "@azure/arm-containerregistry";
import type { DataPlane } from "../azure/dataplane";
import type { AzureManifest, AzureRegistry, AzureRepository, AzureTag, ManifestContent } from "../azure/types";
import { describeError, isLedgerError, LedgerError } from "../errors";
import type { ChangedRepository, FetchedRegistry, ManifestError } from "./types";

/**
 * Bodies that may fail in one registry, however few were read: past it, and past 1% of the bodies
 * read, the fault is the registry's (its pulls refused, its data plane broken), not a manifest's.
 */
export const MAX_MANIFEST_ERRORS = 20;
/** Readings of a repository whose tag list and manifest list disagree (a push between the two) before it counts as failed. */
const LISTING_ATTEMPTS = 3;

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

/** What is read of a registry before its repositories: its ARM details and its catalog. */
export type RegistryHead = { details: FetchedRegistry["details"]; catalog: string[] };

/** The repositories read from the data plane (the head aside): stored whole, or kept as they are. */
export type ReadRepositories = Pick<FetchedRegistry, "unchanged" | "changed" | "newContents" | "manifestErrors">;

export async function readRegistryHead(
  registry: AzureRegistry,
  ctx: Pick<FetchContext, "arm" | "dataPlane" | "runsWatermark">,
): Promise<RegistryHead> {
  const [details, catalog] = await Promise.all([
    getRegistryDetails(ctx.arm, registry, { runsWatermark: ctx.runsWatermark }),
    ctx.dataPlane.listRepositoryNames(),
  ]);
  return { details, catalog };
}

/** The whole registry; `head` when it was read already (the catalog is then not listed again). */
export async function fetchRegistry(
  registry: AzureRegistry,
  ctx: FetchContext,
  head?: RegistryHead,
): Promise<FetchedRegistry> {
  const { details, catalog } = head ?? (await readRegistryHead(registry, ctx));
  ctx.onCatalog(catalog.length);
  const read = await readRepositories(catalog, ctx);
  return { registry, details, repositoryNames: listedNames(read), ...read };
}

/** Every repository name the catalog listed that is still there, as the parts read it. */
export function listedNames(read: Pick<ReadRepositories, "unchanged" | "changed">): string[] {
  return [...read.unchanged.map((r) => r.name), ...read.changed.map((c) => c.properties.name)];
}

/** The given repositories of the catalog (all of it, or one batch of a large registry). */
export async function readRepositories(catalog: string[], ctx: FetchContext): Promise<ReadRepositories> {
  const limit = pLimit(ctx.concurrency);
  ctx.dataPlane.willRead(catalog); // read in catalog order, through the limit
  const unchanged: AzureRepository[] = [];
  const changed: ChangedRepository[] = [];
  const newContents: ManifestContent[] = [];
  // Digests fetched (or being fetched) in this run: a digest in two repositories is fetched once.
  const claimed = new Set<string>();
  // Digests whose facts are stored or fetched now; a changed repository keeps only manifests among them.
  const obtained = new Set<string>();
  const failed = new Map<string, ManifestError>();
  const deleted = new Map<string, Set<string>>(); // per repository: digests gone before their body was read
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
      known.forEach((d) => obtained.add(d));
      await Promise.all(
        digests
          .filter((digest) => !known.has(digest))
          .map((digest) =>
            limit(async () => {
              const content = await readBody(ctx.dataPlane, name, digest);
              if (content === "deleted") deleted.set(name, (deleted.get(name) ?? new Set()).add(digest));
              else if ("error" in content) failed.set(digest, content.error);
              else {
                newContents.push(content);
                obtained.add(digest);
              }
              ctx.onBodyFetched();
              if (failed.size > MAX_MANIFEST_ERRORS && failed.size * 100 > newContents.length) {
                throw new LedgerError(
                  "azure",
                  `${failed.size} manifest bodies could not be read (the first: ${[...failed.values()][0].message})`,
                );
              }
            }),
          ),
      );
      changed.push(repository);
    }),
  );
  const complete: ChangedRepository[] = [];
  for (const repository of changed) {
    const read = completeListing(repository, obtained, deleted.get(repository.properties.name));
    if (read) complete.push(read);
    else unchanged.push({ ...repository.properties, lastUpdatedAt: undefined }); // listed again next time
  }
  return { unchanged, changed: complete, newContents, manifestErrors: [...failed.values()] };
}

async function readBody(
  dataPlane: DataPlane,
  repository: string,
  digest: string,
): Promise<ManifestContent | "deleted" | { error: ManifestError }> {
  try {
    return (await dataPlane.getManifestContent(repository, digest)) ?? "deleted";
  } catch (error) {
    // Only a failure about this manifest is its own (see DataPlane.getManifestContent).
    if (!isLedgerError(error, "azure")) throw error;
    return { error: { repository, digest, message: describeError(error) } };
  }
}

/**
 * The changed repository as it will be stored: whole when every manifest's facts are held; without
 * the manifests deleted while we read (and their tags); null when a body could not be read (here,
 * or in the repository that fetched the digest for both), as the repository is then incomplete.
 */
function completeListing(
  repository: ChangedRepository,
  obtained: Set<string>,
  deleted: Set<string> | undefined,
): ChangedRepository | null {
  const missing = new Set(repository.manifests.filter((m) => !obtained.has(m.digest)).map((m) => m.digest));
  if (missing.size === 0) return repository;
  if ([...missing].some((d) => !deleted?.has(d))) return null;
  return {
    properties: repository.properties,
    manifests: repository.manifests.filter((m) => !missing.has(m.digest)),
    tags: repository.tags.filter((t) => !missing.has(t.digest)),
  };
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
  for (let attempt = 1; ; attempt++) {
    const [manifests, tags] = await Promise.all([ctx.dataPlane.listManifests(name), ctx.dataPlane.listTags(name)]);
    if (!manifests || !tags) return { kind: "gone" };
    const disagreement = findDisagreement(manifests, tags);
    if (!disagreement) return { kind: "changed", repository: { properties, manifests, tags } };
    if (attempt === LISTING_ATTEMPTS) {
      throw new LedgerError(
        "azure",
        `repository ${name}: its tag list and manifest list still disagree after ${attempt} readings (${disagreement})`,
      );
    }
  }
}

/**
 * The two lists were read one after the other: a tag pushed or moved between them shows as a tag
 * the lists place on two listed manifests, or on a listed manifest that does not name it. Null
 * when they agree. A tag on an unlisted manifest, or a manifest naming an unlisted tag, is not one:
 * a manifest or tag whose listing is disabled (listEnabled false) may be missing from a list.
 */
function findDisagreement(manifests: AzureManifest[], tags: AzureTag[]): string | null {
  const byManifests = new Map<string, string>();
  for (const m of manifests) for (const tag of m.tags) byManifests.set(tag, m.digest);
  const listed = new Set(manifests.map((m) => m.digest));
  for (const t of tags) {
    const digest = byManifests.get(t.name);
    if (digest === undefined ? listed.has(t.digest) : digest !== t.digest) {
      return `tag ${t.name}: ${t.digest} in the tag list, ${digest ?? "no manifest"} in the manifest list`;
    }
  }
  return null;
}

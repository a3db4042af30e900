/**
 * One image read live from a registry's data plane (the size gate: the image may not be synced
 * yet). The manifest body by tag or digest; for an index, each platform's child body. Sizes are
 * config + layers from the bodies (each distinct blob once, as the sync stores them); creation
 * times and single-arch platforms from the manifest properties.
 */
import { ContainerRegistryClient, ContainerRegistryContentClient } from "@azure/container-registry";
import { isRestError } from "@azure/core-rest-pipeline";
import { pipelineOptions, type AzureConnection } from "./connection";
import { parseManifestBody } from "./manifest-body";

export type LiveImagePlatform = {
  digest: string;
  architecture: string | null;
  os: string | null;
  variant: string | null;
  sizeBytes: number;
  createdAt: Date | null;
};

export type LiveImage = {
  /** The digest the reference resolves to (an index for a multi-arch tag). */
  digest: string;
  mediaType: string;
  /** One per platform; a single-arch image is its own only platform. Signatures and attestations listed by an index are left out. */
  platforms: LiveImagePlatform[];
};

/** null when the repository, tag or digest does not exist. */
export async function getLiveImage(
  connection: AzureConnection,
  loginServer: string,
  repository: string,
  reference: string,
): Promise<LiveImage | null> {
  const endpoint = `https://${loginServer}`;
  const options = { audience: connection.acrAudience, ...pipelineOptions(connection) };
  const content = new ContainerRegistryContentClient(endpoint, repository, connection.credential, options);
  const metadata = new ContainerRegistryClient(endpoint, connection.credential, options);
  try {
    const top = await content.getManifest(reference);
    const body = parseManifestBody(top.digest, top.mediaType, top.content);
    const sizeOf = (blobs: { sizeBytes: number }[]) => blobs.reduce((sum, b) => sum + b.sizeBytes, 0);
    const propertiesOf = (digest: string) =>
      metadata.getRepository(repository).getArtifact(digest).getManifestProperties();
    if (body.children.length === 0) {
      const p = await propertiesOf(top.digest);
      return {
        digest: top.digest,
        mediaType: body.mediaType,
        platforms: [
          {
            digest: top.digest,
            architecture: p.architecture ?? null,
            os: p.operatingSystem ?? null,
            variant: null,
            sizeBytes: sizeOf(body.blobs),
            createdAt: p.createdOn ?? null,
          },
        ],
      };
    }
    // Buildx lists attestation manifests with platform unknown/unknown: they are not a platform.
    const children = body.children.filter((c) => c.architecture && c.architecture !== "unknown");
    const platforms = await Promise.all(
      children.map(async (child): Promise<LiveImagePlatform> => {
        const manifest = await content.getManifest(child.digest);
        const childBody = parseManifestBody(child.digest, manifest.mediaType, manifest.content);
        const p = await propertiesOf(child.digest);
        return {
          digest: child.digest,
          architecture: child.architecture ?? null,
          os: child.os ?? null,
          variant: child.variant ?? null,
          sizeBytes: sizeOf(childBody.blobs),
          createdAt: p.createdOn ?? null,
        };
      }),
    );
    return { digest: top.digest, mediaType: body.mediaType, platforms };
  } catch (error) {
    if (isRestError(error) && error.statusCode === 404) return null;
    throw error;
  }
}

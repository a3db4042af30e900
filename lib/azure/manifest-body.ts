/**
 * Parses an OCI / Docker manifest or index body (validated with zod: it is Azure's payload).
 * Image manifests give blobs (config + layers); indexes give children per platform.
 * Signatures and SBOMs are OCI image manifests with `artifactType` and `subject`.
 */
import { z } from "zod";
import { LedgerError } from "../errors";
import type { ManifestContent } from "./types";

const descriptor = z.object({
  mediaType: z.string().optional(),
  digest: z.string().regex(/^[a-z0-9]+:[a-f0-9]+$/, "must be an algorithm:hex digest"),
  size: z.number().int().nonnegative(),
  artifactType: z.string().optional(),
  platform: z
    .object({ architecture: z.string().optional(), os: z.string().optional(), variant: z.string().optional() })
    .optional(),
});

const body = z.object({
  schemaVersion: z.number().optional(),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: descriptor.optional(),
  layers: z.array(descriptor).optional(),
  manifests: z.array(descriptor).optional(),
  subject: descriptor.optional(),
});

export const INDEX_MEDIA_TYPES = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

export function parseManifestBody(digest: string, mediaType: string, content: Buffer): ManifestContent {
  let json: unknown;
  try {
    json = JSON.parse(content.toString("utf8"));
  } catch {
    throw new LedgerError("azure", `Manifest ${digest} is not JSON`);
  }
  return readManifestBody(digest, mediaType, json, content.length);
}

/** The facts of a body already parsed as JSON (the SDK's download parses it) of `bodyBytes` bytes. */
export function readManifestBody(digest: string, mediaType: string, json: unknown, bodyBytes: number): ManifestContent {
  const parsed = body.safeParse(json);
  if (!parsed.success)
    throw new LedgerError("azure", `Manifest ${digest} has an unexpected shape: ${parsed.error.message}`);
  const m = parsed.data;
  const effectiveType = m.mediaType ?? mediaType;
  const blobs: ManifestContent["blobs"] = [];
  if (m.config)
    blobs.push({ digest: m.config.digest, sizeBytes: m.config.size, mediaType: m.config.mediaType, kind: "config" });
  for (const layer of m.layers ?? []) {
    blobs.push({ digest: layer.digest, sizeBytes: layer.size, mediaType: layer.mediaType, kind: "layer" });
  }
  return {
    digest,
    mediaType: effectiveType,
    artifactType: m.artifactType ?? (m.config?.mediaType && m.subject ? m.config.mediaType : undefined),
    subjectDigest: m.subject?.digest,
    configDigest: m.config?.digest,
    bodyBytes,
    blobs: dedupeBlobs(blobs),
    children: (m.manifests ?? []).map((c) => ({
      digest: c.digest,
      architecture: c.platform?.architecture,
      os: c.platform?.os,
      variant: c.platform?.variant,
    })),
  };
}

/** A manifest may list the same layer twice (e.g. empty layers); it stores it once. */
function dedupeBlobs(blobs: ManifestContent["blobs"]): ManifestContent["blobs"] {
  const seen = new Set<string>();
  return blobs.filter((b) => (seen.has(b.digest) ? false : (seen.add(b.digest), true)));
}

// Manifest bodies and their digests. A body is rebuilt from the manifest's fields on
// demand (optionally cached), so large estates keep no megabytes of JSON per repository
// while digests stay stable: the same fields always serialise to the same bytes.
import { hash } from "node:crypto";
import type { SimBlob, SimChildRef, SimManifest } from "./estate";
import { digestFromBytes } from "./prng";

export const MEDIA = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar+gzip",
  ociEmpty: "application/vnd.oci.empty.v1+json",
} as const;

export const INDEX_MEDIA_TYPES: readonly string[] = [MEDIA.ociIndex, MEDIA.dockerList];

/** The OCI "empty" config descriptor (`{}`) that artifacts such as signatures use. */
export const EMPTY_CONFIG: SimBlob = {
  mediaType: MEDIA.ociEmpty,
  digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
  sizeBytes: 2,
};

export function sha256Digest(content: string | Buffer): string {
  // One-shot hash: much cheaper than createHash() for a million small bodies.
  return digestFromBytes(hash("sha256", content, "buffer"));
}

/** Extra facts a child or subject descriptor needs inside a body: media type and byte length. */
export interface DescriptorRef {
  digest: string;
  mediaType: string;
  bodySizeBytes: number;
}

export interface IndexChild extends SimChildRef, DescriptorRef {}

const blobJson = (b: SimBlob): string => `{"mediaType":"${b.mediaType}","size":${b.sizeBytes},"digest":"${b.digest}"}`;

interface ManifestFields {
  mediaType: string;
  artifactType?: string;
  configBlob?: SimBlob;
  layers: SimBlob[];
  children?: IndexChild[];
  subject?: DescriptorRef;
  annotationCreated: string;
}

/** Serialises a manifest exactly as a registry would store it (compact JSON, fixed key order). */
export function renderBody(f: ManifestFields): string {
  if (f.children) {
    const items = f.children.map((c) => {
      const variant = c.variant ? `,"variant":"${c.variant}"` : "";
      return `{"mediaType":"${c.mediaType}","size":${c.bodySizeBytes},"digest":"${c.digest}","platform":{"architecture":"${c.architecture}","os":"${c.os}"${variant}}}`;
    });
    return `{"schemaVersion":2,"mediaType":"${f.mediaType}","manifests":[${items.join(",")}]}`;
  }
  const parts = [`"schemaVersion":2`, `"mediaType":"${f.mediaType}"`];
  if (f.artifactType) parts.push(`"artifactType":"${f.artifactType}"`);
  if (f.configBlob) parts.push(`"config":${blobJson(f.configBlob)}`);
  parts.push(`"layers":[${f.layers.map(blobJson).join(",")}]`);
  if (f.subject) {
    parts.push(
      `"subject":{"mediaType":"${f.subject.mediaType}","size":${f.subject.bodySizeBytes},"digest":"${f.subject.digest}"}`,
    );
  }
  if (f.mediaType === MEDIA.ociManifest) {
    parts.push(`"annotations":{"org.opencontainers.image.created":"${f.annotationCreated}"}`);
  }
  return `{${parts.join(",")}}`;
}

export interface ManifestInit extends Omit<ManifestFields, "annotationCreated"> {
  architecture?: string;
  os?: string;
  sizeBytes: number;
  createdAt: Date;
  lastUpdatedAt: Date;
  tags: string[];
  deleteEnabled: boolean;
  writeEnabled: boolean;
  listEnabled: boolean;
  readEnabled: boolean;
}

/**
 * A manifest whose digest is computed once and whose body is rebuilt or cached. Every
 * field is assigned in the constructor, in one order, so a million of them share one
 * hidden class; optional facts are `undefined` rather than absent.
 */
export class ManifestRecord implements SimManifest {
  digest: string;
  mediaType: string;
  artifactType: string | undefined;
  subjectDigest: string | undefined;
  configBlob: SimBlob | undefined;
  layers: SimBlob[];
  children: IndexChild[] | undefined;
  architecture: string | undefined;
  os: string | undefined;
  sizeBytes: number;
  createdAt: Date;
  lastUpdatedAt: Date;
  tags: string[];
  deleteEnabled: boolean;
  writeEnabled: boolean;
  listEnabled: boolean;
  readEnabled: boolean;
  /** Byte length of the body, needed by whoever references this manifest. */
  bodySizeBytes: number;
  private readonly subject: DescriptorRef | undefined;
  /** Cached bodies live off the V8 heap as Buffers and are served as-is. */
  private cached: Buffer | undefined;

  constructor(init: ManifestInit, cacheBody: boolean) {
    this.digest = "";
    this.mediaType = init.mediaType;
    this.artifactType = init.artifactType;
    this.subjectDigest = init.subject?.digest;
    this.configBlob = init.configBlob;
    this.layers = init.layers;
    this.children = init.children;
    this.architecture = init.architecture;
    this.os = init.os;
    this.sizeBytes = init.sizeBytes;
    this.createdAt = init.createdAt;
    this.lastUpdatedAt = init.lastUpdatedAt;
    this.tags = init.tags;
    this.deleteEnabled = init.deleteEnabled;
    this.writeEnabled = init.writeEnabled;
    this.listEnabled = init.listEnabled;
    this.readEnabled = init.readEnabled;
    this.bodySizeBytes = 0;
    this.subject = init.subject;
    this.cached = undefined;
    const text = this.render();
    // Bodies are ASCII JSON, so length in characters is length in bytes.
    this.digest = sha256Digest(text);
    this.bodySizeBytes = text.length;
    if (cacheBody) this.cached = Buffer.from(text, "latin1");
  }

  private render(): string {
    return renderBody({
      mediaType: this.mediaType,
      artifactType: this.artifactType,
      configBlob: this.configBlob,
      layers: this.layers,
      children: this.children,
      subject: this.subject,
      annotationCreated: this.createdAt.toISOString(),
    });
  }

  get body(): string {
    return this.cached ? this.cached.toString("utf8") : this.render();
  }

  /** The body's bytes, for serving. */
  bodyBytes(): Buffer {
    return this.cached ?? Buffer.from(this.render(), "utf8");
  }
}

import { describe, expect, it } from "vitest";
import { isLedgerError } from "../errors";
import { parseManifestBody } from "./manifest-body";

const d = (c: string) => `sha256:${c.repeat(64)}`;
const buf = (o: unknown) => Buffer.from(JSON.stringify(o));

describe("parseManifestBody", () => {
  it("reads config and layers of an image manifest, once each", () => {
    const body = {
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: d("a"), size: 100 },
      layers: [
        { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: d("b"), size: 1000 },
        { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: d("b"), size: 1000 },
        { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: d("c"), size: 7 },
      ],
    };
    const parsed = parseManifestBody(d("f"), "application/vnd.oci.image.manifest.v1+json", buf(body));
    expect(parsed.blobs.map((b) => [b.digest, b.sizeBytes, b.kind])).toEqual([
      [d("a"), 100, "config"],
      [d("b"), 1000, "layer"],
      [d("c"), 7, "layer"],
    ]);
    expect(parsed.children).toEqual([]);
    expect(parsed.configDigest).toBe(d("a"));
  });

  it("reads the children of an index per platform and no blobs", () => {
    const body = {
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: d("1"),
          size: 500,
          platform: { architecture: "amd64", os: "linux" },
        },
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: d("2"),
          size: 500,
          platform: { architecture: "arm64", os: "linux", variant: "v8" },
        },
      ],
    };
    const parsed = parseManifestBody(d("e"), "application/vnd.oci.image.index.v1+json", buf(body));
    expect(parsed.blobs).toEqual([]);
    expect(parsed.children).toEqual([
      { digest: d("1"), architecture: "amd64", os: "linux", variant: undefined },
      { digest: d("2"), architecture: "arm64", os: "linux", variant: "v8" },
    ]);
  });

  it("keeps the subject and artifact type of a signature", () => {
    const body = {
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      artifactType: "application/vnd.cncf.notary.signature",
      config: { mediaType: "application/vnd.oci.empty.v1+json", digest: d("0"), size: 2 },
      layers: [{ mediaType: "application/jose+json", digest: d("9"), size: 2000 }],
      subject: { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: d("5"), size: 900 },
    };
    const parsed = parseManifestBody(d("8"), "application/vnd.oci.image.manifest.v1+json", buf(body));
    expect(parsed.subjectDigest).toBe(d("5"));
    expect(parsed.artifactType).toBe("application/vnd.cncf.notary.signature");
  });

  it("names the manifest when the body is not a manifest", () => {
    expect(() => parseManifestBody(d("7"), "x", Buffer.from("not json"))).toThrow(d("7"));
    try {
      parseManifestBody(d("7"), "x", buf({ layers: [{ digest: "nope", size: -1 }] }));
      expect.unreachable();
    } catch (error) {
      expect(isLedgerError(error, "azure")).toBe(true);
    }
  });
});

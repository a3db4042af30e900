import { describe, expect, it } from "vitest";
import {
  canonicalLoginServer,
  formatImageReference,
  isAcrLoginServer,
  isSameRegistry,
  parseImageReference,
} from "./image-reference";

const D = `sha256:${"ab".repeat(32)}`;

function ok(text: string) {
  const parsed = parseImageReference(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.reference;
}
function error(text: string): string {
  const parsed = parseImageReference(text);
  if (parsed.ok) throw new Error(`parsed ${text}`);
  return parsed.error;
}

describe("parseImageReference", () => {
  it("splits an ACR reference into login server, repository path and tag", () => {
    expect(ok("myreg.azurecr.io/team/app:1.2")).toEqual({
      loginServer: "myreg.azurecr.io",
      repository: "team/app",
      tag: "1.2",
      digest: null,
    });
  });

  it("applies Docker Hub's defaults to short names", () => {
    expect(ok("nginx")).toEqual({ loginServer: "docker.io", repository: "library/nginx", tag: "latest", digest: null });
    expect(ok("bitnami/redis:7.2")).toEqual({
      loginServer: "docker.io",
      repository: "bitnami/redis",
      tag: "7.2",
      digest: null,
    });
    expect(ok("docker.io/nginx:1.25").repository).toBe("library/nginx");
    expect(ok("index.docker.io/library/nginx").loginServer).toBe("docker.io");
  });

  it("keeps a registry port and lower-cases the host", () => {
    expect(ok("Registry.Example.com:5000/app:v1")).toEqual({
      loginServer: "registry.example.com:5000",
      repository: "app",
      tag: "v1",
      digest: null,
    });
    expect(ok("localhost/app").loginServer).toBe("localhost");
    expect(ok("localhost:5000/app").loginServer).toBe("localhost:5000");
  });

  it("reads digest-only and tag+digest references without inventing a tag", () => {
    expect(ok(`myreg.azurecr.io/app@${D}`)).toEqual({
      loginServer: "myreg.azurecr.io",
      repository: "app",
      tag: null,
      digest: D,
    });
    expect(ok(`myreg.azurecr.io/app:1.0@${D.toUpperCase().replace("SHA256", "sha256")}`)).toMatchObject({
      tag: "1.0",
      digest: D,
    });
  });

  it("names what is wrong", () => {
    expect(error("myreg.azurecr.io/Team/App:1")).toContain('repository "Team/App" must be lower-case');
    expect(error("myreg.azurecr.io/app:-bad")).toContain('invalid tag "-bad"');
    expect(error("myreg.azurecr.io/app@sha256:abc")).toContain("invalid digest");
    expect(error(`myreg.azurecr.io/app@sha256:${"a".repeat(63)}`)).toContain("sha256 needs 64 hex digits, got 63");
    expect(error("my_reg.io/app")).toContain('invalid registry host "my_reg.io"');
    expect(error("app//x")).toContain('invalid repository path component ""');
    expect(error("my app")).toContain("no spaces");
    expect(error("")).toBe("empty image reference");
  });

  it("formats the canonical text back", () => {
    expect(formatImageReference(ok("nginx"))).toBe("docker.io/library/nginx:latest");
  });

  it("recognises ACR login servers in every cloud", () => {
    expect(isAcrLoginServer("myreg.azurecr.io")).toBe(true);
    expect(isAcrLoginServer("myreg.azurecr.cn")).toBe(true);
    expect(isAcrLoginServer("docker.io")).toBe(false);
  });
});

describe("canonicalLoginServer and isSameRegistry", () => {
  it("maps a geo-replica's regional endpoint to its registry, in any case", () => {
    expect(canonicalLoginServer("MyReg.WestEurope.geo.azurecr.io")).toBe("myreg.azurecr.io");
    expect(canonicalLoginServer("myreg.chinanorth3.geo.azurecr.cn")).toBe("myreg.azurecr.cn");
    expect(isSameRegistry("myreg.eastus2.geo.azurecr.io", "MYREG.azurecr.io")).toBe(true);
    expect(isSameRegistry("MyReg.AzureCR.io", "myreg.azurecr.io")).toBe(true);
  });

  it("keeps other hosts, other registries and data endpoints apart", () => {
    expect(canonicalLoginServer("localhost:5000")).toBe("localhost:5000");
    expect(isSameRegistry("other.westeurope.geo.azurecr.io", "myreg.azurecr.io")).toBe(false);
    expect(isSameRegistry("myreg.westeurope.data.azurecr.io", "myreg.azurecr.io")).toBe(false);
    expect(isSameRegistry("myreg.azurecr.io.evil.example", "myreg.azurecr.io")).toBe(false);
    expect(isSameRegistry("myreg.westeurope.geo.azurecr.io", "myreg.azurecr.us")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { readFxVersion, readSiteConfigImages, siteResourceKind } from "./app-service-images";

const compose = (yaml: string) => `COMPOSE|${Buffer.from(yaml, "utf8").toString("base64")}`;

describe("readFxVersion", () => {
  it("reads the image of a single-container site", () => {
    expect(readFxVersion("DOCKER|myreg.azurecr.io/shop/web:1.2")).toEqual({
      kind: "images",
      images: ["myreg.azurecr.io/shop/web:1.2"],
    });
    expect(readFxVersion("docker|mcr.microsoft.com/dotnet/aspnet@sha256:" + "a".repeat(64))).toEqual({
      kind: "images",
      images: ["mcr.microsoft.com/dotnet/aspnet@sha256:" + "a".repeat(64)],
    });
  });

  it("reads every service image of a base64 Compose file, quoted or commented", () => {
    const yaml = [
      "version: '3'",
      "services:",
      "  web:",
      '    image: "myreg.azurecr.io/shop/web:2.0"',
      "    ports: ['80:80']",
      "  cache:",
      "    image: redis:7 # sidecar cache",
      "  worker:",
      "    image: 'myreg.azurecr.io/shop/worker@sha256:" + "b".repeat(64) + "'",
    ].join("\n");
    expect(readFxVersion(compose(yaml))).toEqual({
      kind: "images",
      images: ["myreg.azurecr.io/shop/web:2.0", "redis:7", "myreg.azurecr.io/shop/worker@sha256:" + "b".repeat(64)],
    });
  });

  it("says sidecar sites need their sitecontainers listed", () => {
    expect(readFxVersion("SITECONTAINERS")).toEqual({ kind: "sitecontainers" });
    expect(readFxVersion("sitecontainers")).toEqual({ kind: "sitecontainers" });
  });

  it("finds no image in code stacks or empty settings", () => {
    for (const value of ["NODE|20-lts", "PYTHON|3.12", "DOTNETCORE|8.0", "", "   ", null, undefined]) {
      expect(readFxVersion(value)).toEqual({ kind: "none" });
    }
  });

  it("reports a DOCKER| with no image and a COMPOSE| that is not Compose", () => {
    expect(readFxVersion("DOCKER|")).toEqual({ kind: "invalid", error: "DOCKER| with no image" });
    expect(readFxVersion("COMPOSE|bm90IHlhbWw=").kind).toBe("invalid");
  });
});

describe("readSiteConfigImages and siteResourceKind", () => {
  it("falls back to windowsFxVersion when the Linux setting names no image", () => {
    expect(
      readSiteConfigImages({ linuxFxVersion: "", windowsFxVersion: "DOCKER|myreg.azurecr.io/win/app:ltsc2022" }),
    ).toEqual({
      kind: "images",
      images: ["myreg.azurecr.io/win/app:ltsc2022"],
    });
    expect(readSiteConfigImages({ linuxFxVersion: "DOCKER|a.azurecr.io/x:1", windowsFxVersion: null })).toEqual({
      kind: "images",
      images: ["a.azurecr.io/x:1"],
    });
    expect(readSiteConfigImages({})).toEqual({ kind: "none" });
  });

  it("tells function apps from web apps by the kind list", () => {
    expect(siteResourceKind("functionapp,linux,container")).toBe("functionapp");
    expect(siteResourceKind("FunctionApp")).toBe("functionapp");
    expect(siteResourceKind("app,linux,container")).toBe("webapp");
    expect(siteResourceKind(undefined)).toBe("webapp");
  });
});

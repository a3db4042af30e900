import { describe, expect, it } from "vitest";
import { appImageReferences } from "./app-references";

const D = `sha256:${"c".repeat(64)}`;
const APP = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/containerApps/web";
const SITE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/portal";

describe("appImageReferences", () => {
  it("parses container app and site images into references with their resource and container", () => {
    const { references, problems } = appImageReferences([
      { resourceId: APP, container: "web", image: "MyReg.azurecr.io/shop/web:1.2" },
      { resourceId: APP, container: "migrate", image: `myreg.westeurope.geo.azurecr.io/shop/db@${D}` },
      { resourceId: SITE, container: null, image: "mcr.microsoft.com/dotnet/aspnet:8.0" },
    ]);
    expect(problems).toEqual([]);
    expect(references).toEqual([
      {
        loginServer: "myreg.azurecr.io",
        repository: "shop/web",
        tag: "1.2",
        digest: null,
        digestSource: null,
        container: "web",
        resourceId: APP,
        count: 1,
      },
      {
        loginServer: "myreg.westeurope.geo.azurecr.io",
        repository: "shop/db",
        tag: null,
        digest: D,
        digestSource: "reference",
        container: "migrate",
        resourceId: APP,
        count: 1,
      },
      {
        loginServer: "mcr.microsoft.com",
        repository: "dotnet/aspnet",
        tag: "8.0",
        digest: null,
        digestSource: null,
        container: null,
        resourceId: SITE,
        count: 1,
      },
    ]);
  });

  it("counts a repeated image of one container once, keeps other resources apart, reports bad references", () => {
    const { references, problems } = appImageReferences([
      { resourceId: SITE, container: null, image: "nginx" },
      { resourceId: SITE, container: null, image: "docker.io/library/nginx:latest" },
      { resourceId: APP, container: "web", image: "nginx" },
      { resourceId: APP, container: "bad", image: "Not An Image" },
    ]);
    expect(references.map((r) => [r.resourceId, r.repository, r.count])).toEqual([
      [SITE, "library/nginx", 2],
      [APP, "library/nginx", 1],
    ]);
    expect(problems).toEqual([`${APP} (bad): "Not An Image": an image reference has no spaces`]);
  });
});

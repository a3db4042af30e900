import { describe, expect, it } from "vitest";
import { parseInUseImages, type InUseReference } from "./parse";

const hex = (c: string) => c.repeat(64);
const D1 = `sha256:${hex("1")}`;
const D2 = `sha256:${hex("2")}`;
const D3 = `sha256:${hex("3")}`;
const D4 = `sha256:${hex("4")}`;

type Container = { name: string; image: string };
type Status = { name: string; image: string; imageID: string };

/** A pod as `kubectl get pods -A -o json` prints it (trimmed to a realistic subset). */
function pod(o: {
  ns: string;
  name: string;
  containers: Container[];
  init?: Container[];
  statuses?: Status[];
  initStatuses?: Status[];
}) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: o.name,
      namespace: o.ns,
      uid: "0b1c",
      labels: { app: o.name },
      ownerReferences: [{ kind: "ReplicaSet", name: "rs" }],
    },
    spec: {
      containers: o.containers.map((c) => ({ ...c, imagePullPolicy: "IfNotPresent", resources: {} })),
      ...(o.init ? { initContainers: o.init } : {}),
      nodeName: "aks-nodepool1-1",
      restartPolicy: "Always",
    },
    status: {
      phase: o.statuses?.length ? "Running" : "Pending",
      ...(o.statuses
        ? {
            containerStatuses: o.statuses.map((s) => ({
              ...s,
              ready: true,
              restartCount: 0,
              started: true,
              state: { running: {} },
            })),
          }
        : {}),
      ...(o.initStatuses ? { initContainerStatuses: o.initStatuses } : {}),
    },
  };
}
const list = (...items: unknown[]) =>
  JSON.stringify({ apiVersion: "v1", kind: "List", items, metadata: { resourceVersion: "" } });
const refs = (body: string) => parseInUseImages(body).references;
const brief = (r: InUseReference) =>
  `${r.loginServer}/${r.repository}${r.tag ? `:${r.tag}` : ""}${r.digest ? `@${r.digest.slice(7, 9)}` : ""} ${r.digestSource ?? "-"} ${r.namespace}/${r.pod}/${r.container}`;

describe("parseInUseImages: kubectl get pods -A -o json", () => {
  it("reads every container of a multi-container pod with init containers, pairing statuses by name", () => {
    const body = list(
      pod({
        ns: "shop",
        name: "web-7d9f",
        containers: [
          { name: "app", image: "shopreg.azurecr.io/shop/web:2.4.1" },
          { name: "proxy", image: "envoyproxy/envoy:v1.30" },
        ],
        init: [{ name: "migrate", image: "shopreg.azurecr.io/shop/migrate:2.4.1" }],
        // Statuses in another order than the spec: pairing is by name.
        statuses: [
          { name: "proxy", image: "docker.io/envoyproxy/envoy:v1.30", imageID: `docker.io/envoyproxy/envoy@${D2}` },
          { name: "app", image: "shopreg.azurecr.io/shop/web:2.4.1", imageID: `shopreg.azurecr.io/shop/web@${D1}` },
        ],
        initStatuses: [
          {
            name: "migrate",
            image: "shopreg.azurecr.io/shop/migrate:2.4.1",
            imageID: `shopreg.azurecr.io/shop/migrate@${D3}`,
          },
        ],
      }),
    );
    const parsed = parseInUseImages(body);
    expect(parsed.sourceKind).toBe("kubernetes");
    expect(parsed.imageCount).toBe(3);
    expect(parsed.references.map(brief)).toEqual([
      "shopreg.azurecr.io/shop/web:2.4.1@11 status shop/web-7d9f/app",
      "docker.io/envoyproxy/envoy:v1.30@22 status shop/web-7d9f/proxy",
      "shopreg.azurecr.io/shop/migrate:2.4.1@33 status shop/web-7d9f/migrate",
    ]);
  });

  it("reads Docker's docker-pullable:// imageID and ignores a bare image id (the config digest)", () => {
    const body = list(
      pod({
        ns: "a",
        name: "p1",
        containers: [{ name: "c", image: "nginx:1.25" }],
        statuses: [{ name: "c", image: "nginx:1.25", imageID: `docker-pullable://nginx@${D1}` }],
      }),
      pod({
        ns: "a",
        name: "p2",
        containers: [{ name: "c", image: "local/app:dev" }],
        statuses: [{ name: "c", image: "local/app:dev", imageID: `docker://${D2}` }],
      }),
    );
    expect(refs(body).map(brief)).toEqual([
      "docker.io/library/nginx:1.25@11 status a/p1/c",
      "docker.io/local/app:dev - a/p2/c",
    ]);
  });

  it("keeps the tag with the running digest when the tag has since moved, so both can be protected", () => {
    // The registry's 1.2 now points elsewhere; the pod still runs what 1.2 was when it started.
    const body = list(
      pod({
        ns: "x",
        name: "p",
        containers: [{ name: "c", image: "myreg.azurecr.io/team/app:1.2" }],
        statuses: [{ name: "c", image: "myreg.azurecr.io/team/app:1.2", imageID: `myreg.azurecr.io/team/app@${D4}` }],
      }),
    );
    expect(refs(body)).toEqual([
      {
        loginServer: "myreg.azurecr.io",
        repository: "team/app",
        tag: "1.2",
        digest: D4,
        digestSource: "status",
        namespace: "x",
        pod: "p",
        container: "c",
        count: 1,
      },
    ]);
  });

  it("keeps a pinned digest and adds the runtime's when it differs or names another repository", () => {
    const body = list(
      pod({
        ns: "x",
        name: "p",
        containers: [{ name: "c", image: `myreg.azurecr.io/app:1@${D1}` }],
        statuses: [{ name: "c", image: "", imageID: `myreg.azurecr.io/app@${D2}` }],
      }),
      pod({
        ns: "x",
        name: "q",
        containers: [{ name: "c", image: "myreg.azurecr.io/app:1" }],
        statuses: [{ name: "c", image: "", imageID: `myreg.azurecr.io/mirror/app@${D3}` }],
      }),
    );
    expect(refs(body).map(brief)).toEqual([
      "myreg.azurecr.io/app:1@11 reference x/p/c",
      "myreg.azurecr.io/app@22 status x/p/c",
      "myreg.azurecr.io/app:1 - x/q/c",
      "myreg.azurecr.io/mirror/app@33 status x/q/c",
    ]);
  });

  it("stores the tag alone for pods still pulling (no status, or an empty imageID)", () => {
    const body = list(
      pod({ ns: "x", name: "pending", containers: [{ name: "c", image: "myreg.azurecr.io/app:2" }] }),
      pod({
        ns: "x",
        name: "pulling",
        containers: [{ name: "c", image: "myreg.azurecr.io/app:2" }],
        statuses: [{ name: "c", image: "myreg.azurecr.io/app:2", imageID: "" }],
      }),
    );
    expect(refs(body).map(brief)).toEqual([
      "myreg.azurecr.io/app:2 - x/pending/c",
      "myreg.azurecr.io/app:2 - x/pulling/c",
    ]);
  });

  it("reads a registry with a port and a digest-only reference", () => {
    const body = list(
      pod({
        ns: "x",
        name: "p",
        containers: [
          { name: "a", image: "registry.local:5000/tools/app:v1" },
          { name: "b", image: `myreg.azurecr.io/base@${D1}` },
        ],
      }),
    );
    expect(refs(body).map(brief)).toEqual([
      "registry.local:5000/tools/app:v1 - x/p/a",
      "myreg.azurecr.io/base@11 reference x/p/b",
    ]);
  });

  it("accepts an empty list", () => {
    expect(parseInUseImages(list())).toEqual({ sourceKind: "kubernetes", references: [], imageCount: 0 });
  });

  it("names the bad field", () => {
    const good = pod({ ns: "x", name: "p", containers: [{ name: "c", image: "nginx" }] });
    const bad = {
      ...good,
      spec: {
        containers: [
          { name: "c", image: "nginx" },
          { name: "d", image: 42 },
        ],
      },
    };
    expect(() => parseInUseImages(list(good, good, good, bad))).toThrow(
      "items[3].spec.containers[1].image: not a string",
    );
    expect(() => parseInUseImages(list({ ...good, spec: {} }))).toThrow("items[0].spec.containers: missing");
    expect(() => parseInUseImages(list({ ...good, metadata: { namespace: "x" } }))).toThrow(
      "items[0].metadata.name: missing",
    );
    expect(() => parseInUseImages(list({ ...good, spec: { containers: [{ name: "c", image: "Bad/Name" }] } }))).toThrow(
      'items[0].spec.containers[0].image: "Bad/Name": repository "Name" must be lower-case',
    );
    expect(() => parseInUseImages(JSON.stringify({ kind: "List", items: {} }))).toThrow("items: not an array");
  });

  it("says what a single Pod, a Deployment list or other JSON is instead", () => {
    const single = pod({ ns: "x", name: "p", containers: [{ name: "c", image: "nginx" }] });
    expect(() => parseInUseImages(JSON.stringify(single))).toThrow(
      "got a single Pod; expected the JSON of `kubectl get pods -A -o json`",
    );
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { template: { spec: { containers: [] } } },
    };
    expect(() => parseInUseImages(list(deployment))).toThrow('items[0].kind: "Deployment", expected Pod');
    expect(() => parseInUseImages(JSON.stringify({ kind: "DeploymentList", items: [] }))).toThrow(
      'kind: "DeploymentList"',
    );
    expect(() => parseInUseImages("[1, 2]")).toThrow("got an array");
    expect(() => parseInUseImages("{ not json")).toThrow("not valid JSON");
  });
});

describe("parseInUseImages: a plain list of image references", () => {
  it("reads one reference a line, skipping blanks and comments, counting repeats", () => {
    const parsed = parseInUseImages(
      [
        "# production images",
        "myreg.azurecr.io/team/app:1.2",
        "",
        `myreg.azurecr.io/team/app@${D1}  # pinned`,
        "nginx",
        "  myreg.azurecr.io/team/app:1.2  ",
        "",
      ].join("\n"),
    );
    expect(parsed.sourceKind).toBe("list");
    expect(parsed.imageCount).toBe(4);
    expect(parsed.references).toEqual([
      {
        loginServer: "myreg.azurecr.io",
        repository: "team/app",
        tag: "1.2",
        digest: null,
        digestSource: null,
        namespace: null,
        pod: null,
        container: null,
        count: 2,
      },
      {
        loginServer: "myreg.azurecr.io",
        repository: "team/app",
        tag: null,
        digest: D1,
        digestSource: "reference",
        namespace: null,
        pod: null,
        container: null,
        count: 1,
      },
      {
        loginServer: "docker.io",
        repository: "library/nginx",
        tag: "latest",
        digest: null,
        digestSource: null,
        namespace: null,
        pod: null,
        container: null,
        count: 1,
      },
    ]);
  });

  it("names the bad line", () => {
    expect(() => parseInUseImages("nginx\r\n\r\nmyreg.azurecr.io/App:1\r\n")).toThrow(
      'line 3: "myreg.azurecr.io/App:1": repository "App" must be lower-case',
    );
  });

  it("says so when the upload is kubectl's YAML", () => {
    expect(() => parseInUseImages("apiVersion: v1\nitems:\n- kind: Pod\n")).toThrow(
      "this looks like YAML: upload `kubectl get pods -A -o json`",
    );
  });

  it("takes the format the caller gives over sniffing", () => {
    expect(() => parseInUseImages("nginx", "json")).toThrow("not valid JSON");
    expect(() => parseInUseImages('{"kind":"List","items":[]}', "text")).toThrow("line 1:");
  });
});

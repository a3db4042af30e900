import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/in-use/route";
import { isLedgerError } from "@/lib/errors";
import { useTestDatabase } from "@/lib/testing/database";
import { createRegistry } from "@/lib/testing/factories";
import { importInUseImages } from "./import-in-use";
import { listInUseDigests } from "./list-in-use-digests";
import { TEST_ACTOR } from "@/lib/testing/actors";

const testDb = useTestDatabase();

async function storedInUse() {
  return {
    imports: await testDb.db.inUseImport.findMany({ orderBy: { id: "asc" } }),
    references: await testDb.db.inUseImageReference.findMany({ orderBy: { id: "asc" } }),
  };
}

/** npm run import-in-use, as a user runs it: exit code and output. */
async function importCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = promisify(execFile);
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/import-in-use.ts", ...args],
      {
        env: { NODE_ENV: "test", ...testDb.env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;
const D3 = `sha256:${"3".repeat(64)}`;

function podList(pods: { name: string; image: string; imageID?: string }[]): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "List",
    items: pods.map((p) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: p.name, namespace: "shop" },
      spec: { containers: [{ name: "app", image: p.image }] },
      status: {
        containerStatuses: p.imageID === undefined ? undefined : [{ name: "app", image: p.image, imageID: p.imageID }],
      },
    })),
  });
}

const prodPods = podList([
  { name: "web-1", image: "Main.azurecr.io/shop/web:2.4", imageID: `main.azurecr.io/shop/web@${D1}` },
  { name: "web-2", image: "main.azurecr.io/shop/web:2.5" }, // still pulling
  { name: "cache", image: "redis:7", imageID: `docker.io/library/redis@${D3}` },
]);

describe("importInUseImages and listInUseDigests", () => {
  it("stores a cluster's pods and answers per repository with the cluster and import date", async () => {
    const importedAt = new Date("2026-11-20T10:00:00.000Z");
    const result = await importInUseImages({ cluster: " prod ", body: prodPods, importedAt }, TEST_ACTOR);
    expect(result).toEqual({
      cluster: "prod",
      sourceKind: "kubernetes",
      importedAt,
      references: 3,
      acrReferences: 2,
      images: 3,
      replaced: false,
    });

    await importInUseImages(
      {
        cluster: "dev",
        body: `main.azurecr.io/shop/web@${D2}\nmain.azurecr.io/shop/web:edge\n`,
        importedAt,
      },
      TEST_ACTOR,
    );

    expect(await listInUseDigests({ loginServer: "MAIN.azurecr.io", repository: "shop/web" })).toEqual({
      digests: [
        { repository: "shop/web", digest: D1, cluster: "prod", importedAt },
        { repository: "shop/web", digest: D2, cluster: "dev", importedAt },
      ],
      tags: [
        { repository: "shop/web", tag: "2.4", runningDigest: D1, cluster: "prod", importedAt },
        { repository: "shop/web", tag: "2.5", runningDigest: null, cluster: "prod", importedAt },
        { repository: "shop/web", tag: "edge", runningDigest: null, cluster: "dev", importedAt },
      ],
    });
    const hub = await listInUseDigests({ loginServer: "docker.io" });
    expect(hub.digests).toEqual([{ repository: "library/redis", digest: D3, cluster: "prod", importedAt }]);
  });

  it("replaces a cluster's previous import, leaving other clusters alone", async () => {
    await importInUseImages(
      { cluster: "prod", body: prodPods, importedAt: new Date("2026-11-20T00:00:00Z") },
      TEST_ACTOR,
    );
    await importInUseImages({ cluster: "dev", body: `main.azurecr.io/shop/web@${D2}` }, TEST_ACTOR);
    const later = new Date("2026-11-21T00:00:00Z");
    const result = await importInUseImages(
      {
        cluster: "prod",
        body: `main.azurecr.io/shop/api@${D3}`,
        importedAt: later,
      },
      TEST_ACTOR,
    );
    expect(result).toMatchObject({ sourceKind: "list", references: 1, replaced: true });

    expect((await listInUseDigests({ loginServer: "main.azurecr.io" })).digests).toEqual([
      { repository: "shop/api", digest: D3, cluster: "prod", importedAt: later },
      { repository: "shop/web", digest: D2, cluster: "dev", importedAt: expect.any(Date) },
    ]);
    expect(await testDb.db.inUseImport.count()).toBe(2);
    expect(await testDb.db.inUseImageReference.count()).toBe(2);
  });

  it("matches references through a geo-replica's regional endpoint to the registry, in any case", async () => {
    await importInUseImages(
      {
        cluster: "eu",
        body: `Main.WestEurope.geo.azurecr.io/shop/web@${D2}\nother.westeurope.geo.azurecr.io/shop/web@${D3}\n`,
      },
      TEST_ACTOR,
    );
    await importInUseImages({ cluster: "us", body: `main.azurecr.io/shop/web@${D1}\n` }, TEST_ACTOR);
    const found = await listInUseDigests({ loginServer: "MAIN.azurecr.io", repository: "shop/web" });
    expect(found.digests.map((d) => [d.digest, d.cluster])).toEqual([
      [D1, "us"],
      [D2, "eu"],
    ]);
    expect((await listInUseDigests({ loginServer: "absent.azurecr.io" })).digests).toEqual([]);
  });

  it("counts references to an inventoried registry on a custom host as ACR references", async () => {
    const registry = await createRegistry(testDb.db, { name: "corp" });
    await testDb.db.registry.update({
      where: { id: registry.id },
      data: { loginServer: "Registry.Corp.example:5000" },
    });
    const result = await importInUseImages(
      { cluster: "prod", body: "registry.corp.example:5000/app:1\nnginx\n" },
      TEST_ACTOR,
    );
    expect(result).toMatchObject({ references: 2, acrReferences: 1 });
  });

  it("rejects bad input as a validation error and keeps the previous import", async () => {
    await importInUseImages({ cluster: "prod", body: prodPods }, TEST_ACTOR);
    const attempt = importInUseImages({ cluster: "prod", body: "nginx\nBad Reference\n" }, TEST_ACTOR);
    await expect(attempt).rejects.toSatisfy((e) => isLedgerError(e, "validation"));
    await expect(attempt).rejects.toThrow('line 2: "Bad Reference": an image reference has no spaces');
    await expect(importInUseImages({ cluster: "  ", body: "nginx" }, TEST_ACTOR)).rejects.toThrow(
      "cluster name is required",
    );
    expect(await testDb.db.inUseImageReference.count()).toBe(3);
  });
});

describe("POST /api/in-use", () => {
  const post = (
    query: string,
    body: BodyInit,
    headers: Record<string, string> = { "content-type": "application/octet-stream" },
  ) => POST(new Request(`http://localhost/api/in-use${query}`, { method: "POST", body, headers }));

  it("imports kubectl JSON and answers 201 with the counts", async () => {
    const response = await post("?cluster=prod", prodPods, { "content-type": "application/json" });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      cluster: "prod",
      importedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      sourceKind: "kubernetes",
      images: 3,
      references: 3,
      acrReferences: 2,
      replaced: false,
    });
  });

  it("sniffs a list of references when the content type says nothing, and reads UTF-16 from PowerShell", async () => {
    const list = `\uFEFFmain.azurecr.io/shop/web@${D1}\r\n`;
    const utf16 = Buffer.from(list, "utf16le");
    const response = await post("?cluster=win", utf16, { "content-type": "application/octet-stream" });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ sourceKind: "list", references: 1, acrReferences: 1 });
  });

  it("answers 422 naming the problem", async () => {
    const missing = await post("", "nginx");
    expect(missing.status).toBe(422);
    expect((await missing.json()).message).toContain("cluster");

    const pod = JSON.stringify({ kind: "Pod", metadata: { name: "p" }, spec: { containers: [] } });
    const single = await post("?cluster=prod", pod, { "content-type": "application/json" });
    expect(single.status).toBe(422);
    expect(await single.json()).toEqual({
      error: "validation",
      message: expect.stringContaining("got a single Pod"),
      issues: [{ path: "", message: expect.stringContaining("got a single Pod") }],
    });

    const badField = JSON.stringify({
      kind: "List",
      items: [{ metadata: { name: "p" }, spec: { containers: [{ name: "c", image: 7 }] } }],
    });
    const badFieldBody = await (await post("?cluster=prod", badField)).json();
    expect(badFieldBody.message).toBe("items[0].spec.containers[0].image: not a string");
    expect(badFieldBody.issues).toEqual([{ path: "items.0.spec.containers.0.image", message: "not a string" }]);
  });

  it("answers 413 past 64 MiB, keeping the previous import", async () => {
    await post("?cluster=prod", prodPods, { "content-type": "application/json" });
    const before = await storedInUse();
    const big = "#".repeat(64 * 1024 * 1024 + 1);
    const response = await post("?cluster=prod", big, { "content-type": "application/octet-stream" });
    expect(response.status).toBe(413);
    expect((await response.json()).message).toBe("request body exceeds 64 MiB");
    expect(await storedInUse()).toEqual(before);
  });
});

describe("an import with no image reference", () => {
  const post = (query: string, body: string) =>
    POST(
      new Request(`http://localhost/api/in-use${query}`, {
        method: "POST",
        body,
        headers: { "content-type": "application/octet-stream" },
      }),
    );

  it.each([
    ["an empty pod list", '{"items":[]}'],
    [
      "a list of pods without containers",
      JSON.stringify({ kind: "List", items: [{ metadata: { name: "p" }, spec: { containers: [] } }] }),
    ],
    ["a list of comments", "# kubectl context: staging\n\n"],
    ["an empty file", ""],
  ])("is refused with 422 for %s, leaving the cluster's import exactly as it was", async (_name, body) => {
    await importInUseImages({ cluster: "prod-aks", body: prodPods }, TEST_ACTOR);
    const before = await storedInUse();
    const response = await post("?cluster=prod-aks", body);
    expect(response.status).toBe(422);
    const { message } = await response.json();
    expect(message).toContain("no image references in the upload");
    expect(message).toContain("refusing to replace cluster prod-aks's import with nothing");
    expect(message).toContain("its current import's 3 references");
    expect(message).toContain("allowEmpty=true");
    expect(await storedInUse()).toEqual(before);
    expect((await listInUseDigests({ loginServer: "main.azurecr.io" })).digests).toHaveLength(1);
  });

  it("replaces the cluster's import with nothing when allowEmpty=true says so", async () => {
    await importInUseImages({ cluster: "prod-aks", body: prodPods }, TEST_ACTOR);
    await importInUseImages({ cluster: "dev", body: `main.azurecr.io/shop/web@${D2}` }, TEST_ACTOR);
    const response = await post("?cluster=prod-aks&allowEmpty=true", '{"items":[]}');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ cluster: "prod-aks", references: 0, images: 0, replaced: true });
    expect((await listInUseDigests({ loginServer: "main.azurecr.io" })).digests.map((d) => d.cluster)).toEqual(["dev"]);
    expect(await testDb.db.inUseImport.findUnique({ where: { clusterName: "prod-aks" } })).toMatchObject({
      referenceCount: 0,
    });
  });

  it("refuses an allowEmpty that is neither true nor false, before reading anything", async () => {
    const response = await post("?cluster=prod-aks&allowEmpty=yes", '{"items":[]}');
    expect(response.status).toBe(422);
    expect((await response.json()).message).toBe('allowEmpty: expected true or false, got "yes"');
    expect((await post("?cluster=prod-aks&allowEmpty=false", "")).status).toBe(422);
  });

  it("exits 2 from the CLI with the message, and imports with --allow-empty", async () => {
    await importInUseImages({ cluster: "prod-aks", body: prodPods }, TEST_ACTOR);
    const dir = await mkdtemp(path.join(tmpdir(), "in-use-"));
    const file = path.join(dir, "pods.json");
    await writeFile(file, '{"apiVersion":"v1","items":[],"kind":"List"}');
    const refused = await importCli(["--cluster", "prod-aks", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("error: no image references in the upload (0 containers)");
    expect(refused.stderr).not.toContain("    at ");
    expect(await testDb.db.inUseImageReference.count()).toBe(3);
    const allowed = await importCli(["--cluster", "prod-aks", "--allow-empty", file]);
    expect(allowed).toMatchObject({ code: 0, stdout: expect.stringContaining("Imported 0 distinct image references") });
    expect(await testDb.db.inUseImageReference.count()).toBe(0);
  }, 60_000);
});

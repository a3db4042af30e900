/**
 * The official Azure REST example payloads (fixtures/azure-api-examples, copied byte for byte from
 * Azure/azure-rest-api-specs and azure-sdk-for-js; see its README), served verbatim over
 * HTTPS and read through the real SDK clients and our mappers: what Azure documents is what we
 * store. (The token-exchange examples are exercised by the simulator's shape tests.)
 */
import { readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCerts } from "../simulator/certs";
import { createArmClient, getRegistryDetails, listRegistries } from "./arm";
import { simulatorConnection, type AzureConnection } from "./connection";
import { createDataPlane } from "./dataplane";

const EXAMPLES = path.resolve(import.meta.dirname, "fixtures/azure-api-examples");
type Example = { parameters: Record<string, string>; responses: { "200": { body: Record<string, unknown> } } };
const example = (file: string): Example => JSON.parse(readFileSync(path.join(EXAMPLES, file), "utf8")) as Example;

/** Path (without query) → example file whose 200 body answers it. */
const ROUTES: [RegExp, string][] = [
  [/\/providers\/Microsoft\.ContainerRegistry\/registries$/, "arm/2025-11-01/RegistryList.json"],
  [/\/registries\/[^/]+\/listUsages$/, "arm/2025-11-01/RegistryListUsages.json"],
  [/\/registries\/[^/]+\/replications$/, "arm/2025-11-01/ReplicationList.json"],
  [/\/registries\/[^/]+\/webhooks$/, "arm/2025-11-01/WebhookList.json"],
  [/\/registries\/[^/]+\/tasks$/, "arm/2019-06-01-preview/TasksList.json"],
  [/\/registries\/[^/]+\/runs$/, "arm/2019-06-01-preview/RunsList.json"],
  [/^\/acr\/v1\/_catalog$/, "dataplane/GetRepositoryList.json"],
  [/^\/acr\/v1\/[^_][^/]*\/_manifests$/, "dataplane/GetManifestList.json"],
  [/^\/acr\/v1\/[^_][^/]*\/_tags$/, "dataplane/GetTagList.json"],
  [/^\/acr\/v1\/[^_][^/]*$/, "dataplane/GetRepositoryAttributes.json"],
];

let server: https.Server;
let connection: AzureConnection;
let host: string;

beforeAll(async () => {
  const certs = await createCerts();
  server = https.createServer({ key: certs.serverKeyPem, cert: certs.serverCertPem }, (req, res) => {
    const pathname = new URL(req.url ?? "/", "https://x").pathname;
    const route = ROUTES.find(([pattern]) => pattern.test(pathname));
    if (!route) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end('{"error":{"code":"NotFound","message":"no example"}}');
      return;
    }
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify(example(route[1]).responses["200"].body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `localhost:${(server.address() as AddressInfo).port}`;
  connection = simulatorConnection(`https://${host}`, certs.caCertPem);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("ARM examples through @azure/arm-containerregistry and our mappers", () => {
  it("maps RegistryList", async () => {
    const body = example("arm/2025-11-01/RegistryList.json").responses["200"].body as { value: unknown[] };
    const registries = await listRegistries(createArmClient(connection, "00000000-0000-0000-0000-000000000000"));
    expect(registries).toHaveLength(body.value.length);
    const raw = body.value[0] as {
      id: string;
      name: string;
      location: string;
      sku: { name: string };
      properties: Record<string, unknown>;
    };
    expect(registries[0]).toMatchObject({
      armId: raw.id.toLowerCase(),
      name: raw.name,
      location: raw.location,
      skuName: raw.sku.name,
      loginServer: raw.properties.loginServer,
      adminUserEnabled: raw.properties.adminUserEnabled,
      resourceGroup: "myResourceGroup",
    });
  });

  it("maps usages, replications, webhooks, tasks and runs", async () => {
    const details = await getRegistryDetails(createArmClient(connection, "00000000-0000-0000-0000-000000000000"), {
      resourceGroup: "myResourceGroup",
      name: "myRegistry",
    });
    const usages = example("arm/2025-11-01/RegistryListUsages.json").responses["200"].body.value as {
      name: string;
      currentValue: number;
    }[];
    expect(details.usages.map((u) => [u.name, u.currentValue])).toEqual(usages.map((u) => [u.name, u.currentValue]));
    const replication = (
      example("arm/2025-11-01/ReplicationList.json").responses["200"].body.value as { location: string }[]
    )[0];
    expect(details.replications[0]).toMatchObject({ location: replication.location, status: "Ready" });
    const webhook = (
      example("arm/2025-11-01/WebhookList.json").responses["200"].body.value as {
        name: string;
        properties: { actions: string[] };
      }[]
    )[0];
    expect(details.webhooks[0]).toMatchObject({ name: webhook.name, actions: webhook.properties.actions });
    const task = (
      example("arm/2019-06-01-preview/TasksList.json").responses["200"].body.value as {
        name: string;
        properties: { agentConfiguration?: { cpu: number } };
      }[]
    )[0];
    expect(details.tasks[0]).toMatchObject({ name: task.name, cpu: task.properties.agentConfiguration?.cpu });
    const run = (
      example("arm/2019-06-01-preview/RunsList.json").responses["200"].body.value as {
        properties: { runId: string; finishTime: string; outputImages: { repository: string }[] };
      }[]
    )[0];
    expect(details.runs[0]).toMatchObject({ runId: run.properties.runId, cpu: 2, taskName: "myTask" });
    expect(details.runs[0].finishedAt?.toISOString()).toBe(new Date(run.properties.finishTime).toISOString());
    expect(details.runs[0].outputImages[0].repository).toBe(run.properties.outputImages[0].repository);
  });
});

describe("data-plane examples through @azure/container-registry and our mappers", () => {
  it("maps the catalog, repository, manifests and tags", async () => {
    const plane = createDataPlane(connection, host);
    const catalog = example("dataplane/GetRepositoryList.json").responses["200"].body.repositories as string[];
    expect(await plane.listRepositoryNames()).toEqual(catalog);

    const repo = example("dataplane/GetRepositoryAttributes.json").responses["200"].body as {
      imageName: string;
      lastUpdateTime: string;
      manifestCount: number;
    };
    const props = await plane.getRepository(repo.imageName);
    expect(props!.manifestCount).toBe(repo.manifestCount);
    expect(props!.lastUpdatedAt?.getTime()).toBe(new Date(repo.lastUpdateTime).getTime());

    const manifests = example("dataplane/GetManifestList.json").responses["200"].body.manifests as {
      digest: string;
      imageSize: number;
      tags: string[];
    }[];
    const listed = await plane.listManifests("nanoserver");
    expect(listed!.map((m) => [m.digest, m.sizeBytes, m.tags])).toEqual(
      manifests.map((m) => [m.digest, m.imageSize, m.tags]),
    );

    const tags = example("dataplane/GetTagList.json").responses["200"].body.tags as { name: string; digest: string }[];
    const listedTags = await plane.listTags("nanoserver");
    expect(listedTags!.map((t) => [t.name, t.digest])).toEqual(tags.map((t) => [t.name, t.digest]));
  });
});

/**
 * Request timeouts and the abort scope, through our real client construction (the SDK clients
 * and their pipelines, retry policy included) against an HTTPS server that accepts every
 * connection and never answers.
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCerts } from "../simulator/certs";
import { createArmClient, listRegistries } from "./arm";
import { simulatorConnection } from "./connection";
import { createDataPlane } from "./dataplane";
import { withAbortSignal } from "./http-client";

const SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
/** The retry budget of every client (pipelineOptions): one attempt and four retries. */
const ATTEMPTS = 5;

let server: Server;
let caPem: string;
let host: string;
const sockets = new Set<Socket>();
let requests = 0;

beforeAll(async () => {
  const certs = await createCerts();
  caPem = certs.caCertPem;
  server = createServer({ key: certs.serverKeyPem, cert: certs.serverCertPem }, () => {
    requests += 1; // and never answered
  });
  server.on("secureConnection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

async function timed<T>(work: () => Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await work();
    return { error: undefined, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

describe("a server that never answers", () => {
  it("fails a management-plane call once each attempt has timed out, retried a bounded number of times", async () => {
    requests = 0;
    const connection = simulatorConnection(`https://${host}`, caPem, [SUBSCRIPTION], { requestTimeoutMs: 300 });
    const { error, ms } = await timed(() => listRegistries(createArmClient(connection, SUBSCRIPTION)));
    expect(String(error)).toMatch(
      new RegExp(
        `GET https://${host}/subscriptions/${SUBSCRIPTION}/providers/Microsoft.ContainerRegistry/registries timed out: no answer within 0.3 s \\(AZURE_REQUEST_TIMEOUT_SECONDS\\)`,
      ),
    );
    expect(requests).toBe(ATTEMPTS);
    // Five 0.3 s attempts and the retry policy's back-off between them (at most 6 s in all).
    expect(ms).toBeGreaterThanOrEqual(ATTEMPTS * 300);
    expect(ms).toBeLessThan(15_000);
  });

  it("fails a data-plane call the same way, at its first request (the registry's token exchange)", async () => {
    requests = 0;
    const connection = simulatorConnection(`https://${host}`, caPem, [SUBSCRIPTION], { requestTimeoutMs: 300 });
    const { error, ms } = await timed(() => createDataPlane(connection, host).listRepositoryNames());
    expect(String(error)).toMatch(
      new RegExp(`ACR token request failed: POST https://${host}/oauth2/exchange timed out: no answer within 0.3 s`),
    );
    expect(requests).toBe(ATTEMPTS);
    expect(ms).toBeLessThan(15_000);
  });

  it("stops a request in flight when its scope is aborted, with the scope's reason and no retry", async () => {
    requests = 0;
    const connection = simulatorConnection(`https://${host}`, caPem, [SUBSCRIPTION], { requestTimeoutMs: 60_000 });
    const scope = new AbortController();
    const call = timed(() =>
      withAbortSignal(scope.signal, () => listRegistries(createArmClient(connection, SUBSCRIPTION))),
    );
    // Aborted once the server holds the request, so it is in flight whatever the machine's speed.
    await vi.waitFor(() => expect(requests).toBe(1));
    scope.abort(new Error("the deadline passed"));
    const { error, ms } = await call;
    expect(String(error)).toBe("Error: the deadline passed");
    expect(requests).toBe(1);
    expect(ms).toBeLessThan(5_000);

    // Once aborted, nothing more is sent.
    const again = await timed(() =>
      withAbortSignal(scope.signal, () => createDataPlane(connection, host).listRepositoryNames()),
    );
    expect(String(again.error)).toBe("Error: the deadline passed");
    expect(requests).toBe(1);
  });
});

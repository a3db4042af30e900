/**
 * Debian's PgBouncer (1.18, /usr/sbin/pgbouncer) in transaction mode in front of the test server,
 * as Azure Database for PostgreSQL's built-in pooler runs: each transaction (or lone statement)
 * gets whichever server connection is free, so nothing of a session survives between them.
 * Its ini and userlist live in their own temporary directory; it is stopped with the test run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const PGBOUNCER_BINARY = "/usr/sbin/pgbouncer";

export type Pgbouncer = {
  /** `server`'s URL with PgBouncer's host and port instead (same user, password and database). */
  urlFor(serverUrl: string): string;
  stop(): Promise<void>;
};

/** Server connections per database and user: enough for the tests' pools, few enough to be shared. */
const DEFAULT_POOL_SIZE = 20;

export async function startPgbouncer(serverUrl: string): Promise<Pgbouncer> {
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  await fs.access(PGBOUNCER_BINARY, fs.constants.X_OK).catch(() => {
    throw new Error(
      `${PGBOUNCER_BINARY} not found: the integration tests need Debian's pgbouncer (apt-get install pgbouncer)`,
    );
  });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "registry-ledger-pgbouncer-"));
  await fs.chmod(dir, 0o755); // read by user "postgres" when we are root
  const port = await findFreePort();
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  await fs.writeFile(path.join(dir, "userlist.txt"), `${quote(user)} ${quote(password)}\n`, { mode: 0o644 });
  await fs.writeFile(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      // Every database name (each test file clones its own) to the same server.
      `* = host=${server.hostname} port=${server.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "pool_mode = transaction",
      "auth_type = scram-sha-256",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "max_client_conn = 1000",
      `default_pool_size = ${DEFAULT_POOL_SIZE}`,
      "server_reset_query =",
      "ignore_startup_parameters = extra_float_digits,options",
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  // PgBouncer refuses to run as root; the embedded server runs as "postgres" then, so do we.
  const asRoot = process.getuid?.() === 0;
  const args = [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")];
  const child = spawn(PGBOUNCER_BINARY, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  let spawnError: Error | undefined;
  child.on("error", (error) => (spawnError = error));
  const urlFor = (url: string) => {
    const through = new URL(url);
    through.hostname = "127.0.0.1";
    through.port = String(port);
    return through.toString();
  };
  try {
    await waitUntilAnswering(urlFor(serverUrl), child, () => spawnError?.message ?? log);
  } catch (error) {
    await stopChild(child);
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    urlFor,
    async stop() {
      await stopChild(child);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, log: () => string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
      throw new Error(`pgbouncer exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`pgbouncer did not answer: ${String(lastError)}\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM"); // PgBouncer 1.18: immediate shutdown (SIGINT waits for clients)
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

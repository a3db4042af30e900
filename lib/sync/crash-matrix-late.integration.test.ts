/**
 * The crash matrix's second part (the first, and what the matrix asserts, in
 * crash-matrix.integration.test.ts): `npm run sync` killed in the later phases of an incremental
 * sync, killed during a first sync from empty, killed together with its PostgreSQL, and PostgreSQL
 * restarted under a running sync. Each registry ends fully synced or at its last good inventory,
 * and the next sync yields exactly what a clean sync yields.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "../database/embedded";
import { applyMigrations } from "../database/migrate";
import {
  admin,
  CASE_TIMEOUT_MS,
  createDatabase,
  DAY0,
  DAY1,
  expectCleanExit,
  expectCleanSyncHere,
  expectEachRegistryAtLastGoodOrSynced,
  expectFactsCompleteOrAbsent,
  expectIncrementalKillRecovers,
  expectKilled,
  expectSame,
  fingerprintOf,
  LATE_KILLS,
  syncHere,
  syncProcess,
  urlOf,
  useCrashMatrix,
} from "../testing/crash-matrix";
import { isFree } from "../testing/sync-process";
import { setCrashHook } from "./crash-points";

const matrix = useCrashMatrix();

describe("a sync killed with SIGKILL, then run again", () => {
  it.each(LATE_KILLS)(
    "killed at %s: each registry kept its last good inventory or is fully synced; the next sync equals a clean one",
    (crashAt) => expectIncrementalKillRecovers(matrix, crashAt),
    CASE_TIMEOUT_MS,
  );

  it.each(["body-fetched:40", "contents-inserted:2"])(
    "killed at %s during a first sync from empty: the next sync equals a clean one",
    async (crashAt) => {
      const db = await createDatabase();
      expectKilled(await syncProcess(matrix, { databaseUrl: urlOf(db), day: DAY0, crashAt }));
      await expectFactsCompleteOrAbsent(urlOf(db));
      await expectCleanSyncHere(matrix, urlOf(db), DAY0);
      expectSame(await fingerprintOf(urlOf(db)), matrix.fingerprint0, `after ${crashAt} and a new sync`);
    },
    CASE_TIMEOUT_MS,
  );
});

describe("PostgreSQL killed or restarted during a sync", () => {
  let dataDir: string;
  let server: EmbeddedServer;

  /** All of it at once, backends too, as when its machine or container dies; then the same server again. */
  const crashAndRestartPostgres = async () => {
    const pid = Number((await fs.readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0]);
    const serverPort = Number(new URL(server.url).port);
    spawnSync("pkill", ["-9", "-P", String(pid)]);
    process.kill(pid, "SIGKILL");
    await vi.waitFor(async () => expect(await isFree(serverPort), "the killed server's port is free").toBe(true), {
      timeout: 10_000,
      interval: 100,
    });
    const before = server.url;
    server = await startEmbeddedPostgres({ dataDir, database: "ledger" });
    expect(server.url, "restarted on its own port").toBe(before);
  };

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "registry-ledger-crash-"));
    await fs.chmod(dataDir, 0o755);
    server = await startEmbeddedPostgres({ dataDir, database: "ledger" });
    await applyMigrations(server.url);
  }, CASE_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it(
    "the sync and its database killed together: after a restart the next sync equals a clean one",
    async () => {
      expectCleanExit(await syncProcess(matrix, { databaseUrl: server.url, day: DAY0 }));
      expectSame(await fingerprintOf(server.url), matrix.fingerprint0, "first sync on the own server");
      expectKilled(await syncProcess(matrix, { databaseUrl: server.url, day: DAY1, crashAt: "snapshots-written:2" }));
      await crashAndRestartPostgres();
      expectEachRegistryAtLastGoodOrSynced(matrix, await fingerprintOf(server.url));
      await expectCleanSyncHere(matrix, server.url, DAY1);
      expectSame(await fingerprintOf(server.url), matrix.fingerprint1, "after the crash of both and a new sync");
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "PostgreSQL restarted in the middle of a registry's write: the sync ends with that error, and the next sync equals a clean one",
    async () => {
      await admin(`CREATE DATABASE "restart"`, server.urlFor("postgres"));
      const url = server.urlFor("restart");
      await applyMigrations(url);
      setCrashHook(async (point, pass) => {
        if (point === "repositories-written" && pass === 1) await crashAndRestartPostgres();
      });
      try {
        const outcome = await syncHere(matrix, url, DAY0).then(
          (summary) => ({ summary }),
          (error: unknown) => ({ error }),
        );
        setCrashHook(undefined);
        const reported =
          "summary" in outcome ? outcome.summary.errors.map((e) => e.message).join("\n") : String(outcome.error);
        if ("summary" in outcome) expect(outcome.summary.status).not.toBe("succeeded");
        // Whichever statement met the restart first says so: the connection ended, was refused, or the server was starting.
        expect(reported).toMatch(/terminat|connection|ECONNREFUSED|starting up|shutting down/i);
        await expectFactsCompleteOrAbsent(url);
        await expectCleanSyncHere(matrix, url, DAY0);
        expectSame(await fingerprintOf(url), matrix.fingerprint0, "after the restart and a new sync");
      } finally {
        setCrashHook(undefined);
      }
    },
    CASE_TIMEOUT_MS,
  );
});

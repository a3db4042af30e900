/**
 * A save of the teams document and its audit event commit together: a process SIGKILLed after it
 * wrote the document and its version, while its event's insert waits, leaves none of the three.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import { TEST_ACTOR } from "@/lib/testing/actors";
import { useTestDatabase } from "@/lib/testing/database";

const testDb = useTestDatabase();
const ROOT = path.resolve(import.meta.dirname, "../../..");

const stored = async () => ({
  config: await testDb.db.chargebackConfig.findMany(),
  versions: await testDb.db.chargebackConfigVersion.count(),
  events: await testDb.db.auditEvent.count(),
});

describe("a killed save of the teams document", () => {
  it("leaves neither the document, nor its version, nor its event", async () => {
    await saveChargebackConfig(
      JSON.stringify({ rules: [{ registry: "*", repository: "**", team: "old" }] }),
      TEST_ACTOR,
    );
    const before = await stored();
    // Holding this lock, the child's transaction gets past the document and its version, then waits.
    const blocker = await testDb.pool.connect();
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE audit_events IN SHARE MODE");
    const document = JSON.stringify({ rules: [{ registry: "*", repository: "**", team: "new" }] });
    const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/save-config-process.ts", document], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: testDb.url, NODE_ENV: "test" },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    const waiting = async () => {
      const { rows } = await testDb.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
           AND query LIKE '%INSERT INTO audit_events%'`,
      );
      return rows;
    };
    try {
      const [backend] = await vi.waitFor(
        async () => {
          const rows = await waiting();
          if (rows.length === 0) throw new Error("the save has not reached its event yet");
          return rows;
        },
        { timeout: 30_000, interval: 100 },
      );
      const wrote = await testDb.pool.query(
        "SELECT count(*)::int AS n FROM pg_locks WHERE pid = $1 AND relation = 'chargeback_config_versions'::regclass",
        [backend.pid],
      );
      expect(wrote.rows[0].n).toBeGreaterThan(0);
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
    } finally {
      await blocker.query("COMMIT");
      blocker.release();
    }
    // The server ends the killed client's transaction once it finds the connection gone.
    await vi.waitFor(
      async () => {
        if ((await waiting()).length > 0) throw new Error("still waiting");
        const { rows } = await testDb.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
        );
        if (rows[0].n > 0) throw new Error("a transaction is still open");
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(await stored()).toEqual(before);
  }, 60_000);
});

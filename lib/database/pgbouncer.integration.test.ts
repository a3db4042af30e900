/**
 * Through PgBouncer in transaction mode each transaction may get another server connection:
 * a statement named on one is unknown on the next. The sync's named statements run unnamed
 * with DATABASE_POOLER=transaction.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setEnvVar } from "../env";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { execute, statementName } from "./prepared";

const TEXT = "SELECT $1::int + 1 AS next";

let testDb: TestDatabase;
const clients: pg.Client[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase({ throughPgbouncer: true });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
});
afterAll(async () => {
  setEnvVar("DATABASE_POOLER", "transaction");
  await testDb.drop();
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDb.url });
  client.on("error", () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}

/**
 * Pins, inside an open transaction, the server connection that holds `name`: the next statement
 * of any other client then runs on another one. Each try takes a new server connection while the
 * earlier ones stay pinned, so at most the pool's size of tries.
 */
async function pinConnectionHolding(name: string): Promise<void> {
  for (let tries = 0; tries < 30; tries++) {
    const other = await connect();
    await other.query("BEGIN");
    const { rows } = await other.query<{ held: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_prepared_statements WHERE name = $1) AS held",
      [name],
    );
    if (rows[0].held) return;
  }
  throw new Error(`no server connection holds ${name}`);
}

describe("named statements behind PgBouncer in transaction mode", () => {
  it("fail once the server connection that prepared them is busy elsewhere", async () => {
    setEnvVar("DATABASE_POOLER", "none");
    const client = await connect();
    expect((await execute<{ next: number }>(client, TEXT, [1])).rows[0].next).toBe(2);
    await pinConnectionHolding(statementName(TEXT)!);
    // pg prepared it on this client already, so it binds by name on a server connection that never saw it.
    await expect(execute(client, TEXT, [2])).rejects.toThrow(/prepared statement .* does not exist/);
  });

  it("run unnamed with DATABASE_POOLER=transaction, whichever server connection answers", async () => {
    setEnvVar("DATABASE_POOLER", "none");
    const client = await connect();
    await execute(client, TEXT, [1]);
    await pinConnectionHolding(statementName(TEXT)!);
    setEnvVar("DATABASE_POOLER", "transaction");
    for (const n of [2, 3, 4]) expect((await execute<{ next: number }>(client, TEXT, [n])).rows[0].next).toBe(n + 1);
  });
});

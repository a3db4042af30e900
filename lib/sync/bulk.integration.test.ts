/** Batched inserts against a real PostgreSQL: several tables' rows in one statement. */
import type { PoolClient } from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { col, deleteRows, insert, insertTogether, writeRows } from "./bulk";

let testDb: TestDatabase;
let client: PoolClient;

beforeAll(async () => {
  testDb = await createTestDatabase({ migrated: false });
  client = await testDb.pool.connect();
  await client.query("CREATE TABLE colours (name text PRIMARY KEY, hex text NOT NULL)");
  await client.query("CREATE TABLE sizes (id int PRIMARY KEY, bytes int8, labels text[])");
  await client.query("CREATE TABLE shelves (name text PRIMARY KEY)");
  await client.query("CREATE TABLE books (id int PRIMARY KEY, shelf text NOT NULL REFERENCES shelves (name))");
});

// Each test starts from empty tables and writes the rows it reads.
beforeEach(async () => {
  await client.query("TRUNCATE colours, sizes, books, shelves");
});

afterAll(async () => {
  client?.release();
  await testDb?.drop();
});

type Colour = { name: string; hex: string };
type Size = { id: number; bytes: bigint; labels: string[] };
const colours = (rows: Colour[], onConflict = "") =>
  insert<Colour>("colours", [col.text("name", (c) => c.name), col.text("hex", (c) => c.hex)], rows, onConflict);
const shelves = (names: string[]) => insert<string>("shelves", [col.text("name", (n) => n)], names);
const books = (count: number, shelf: string, from = 0) =>
  insert<number>(
    "books",
    [col.int("id", (n) => n), col.text("shelf", () => shelf)],
    Array.from({ length: count }, (_, n) => from + n),
  );
const sizes = (rows: Size[]) =>
  insert<Size>(
    "sizes",
    [col.int("id", (s) => s.id), col.bigint("bytes", (s) => s.bytes), col.textArray("labels", (s) => s.labels)],
    rows,
  );

describe("insertTogether", () => {
  it("writes each table's rows in one statement, every table its own parameters", async () => {
    await insertTogether(client, [
      colours([
        { name: "red", hex: "#f00" },
        { name: "blue", hex: "#00f" },
      ]),
      sizes([{ id: 1, bytes: 2n ** 60n, labels: ["big", "huge"] }]),
      colours([], "ON CONFLICT DO NOTHING"),
    ]);
    expect((await client.query("SELECT name, hex FROM colours ORDER BY name")).rows).toEqual([
      { name: "blue", hex: "#00f" },
      { name: "red", hex: "#f00" },
    ]);
    expect((await client.query("SELECT id, bytes, labels FROM sizes")).rows).toEqual([
      { id: 1, bytes: String(2n ** 60n), labels: ["big", "huge"] },
    ]);
  });

  it("applies each table's conflict clause, and does nothing without rows", async () => {
    await insertTogether(client, [
      colours([
        { name: "red", hex: "#f00" },
        { name: "blue", hex: "#00f" },
      ]),
      sizes([{ id: 1, bytes: 1n, labels: [] }]),
    ]);
    await insertTogether(client, [
      colours(
        [
          { name: "red", hex: "#e00" },
          { name: "green", hex: "#0f0" },
        ],
        "ON CONFLICT (name) DO UPDATE SET hex = EXCLUDED.hex",
      ),
      sizes([]),
    ]);
    expect(
      (await client.query("SELECT name, hex FROM colours ORDER BY name")).rows.map((r) => `${r.name}=${r.hex}`),
    ).toEqual(["blue=#00f", "green=#0f0", "red=#e00"]);
    await insertTogether(client, [colours([]), sizes([])]);
    expect((await client.query("SELECT count(*)::int AS n FROM sizes")).rows[0].n).toBe(1);
  });

  it("fails as one statement: a bad row in one table writes nothing in the others", async () => {
    await expect(
      insertTogether(client, [
        sizes([{ id: 2, bytes: 1n, labels: [] }]),
        colours([{ name: "black", hex: null as unknown as string }]),
      ]),
    ).rejects.toThrow(/null value/);
    expect((await client.query("SELECT count(*)::int AS n FROM sizes WHERE id = 2")).rows[0].n).toBe(0);
  });

  it("lets a table refer to rows another part of the same statement inserts (keys are checked at its end)", async () => {
    await insertTogether(client, [shelves(["a"]), books(3, "a")]);
    expect((await client.query("SELECT count(*)::int AS n FROM books WHERE shelf = 'a'")).rows[0].n).toBe(3);
  });

  it("writes a part too large for one statement in its place in the order, after the parts before it", async () => {
    await insertTogether(client, [shelves(["b"]), books(20_001, "b", 100)]);
    expect((await client.query("SELECT count(*)::int AS n FROM books WHERE shelf = 'b'")).rows[0].n).toBe(20_001);
  });
});

describe("writeRows and deleteRows", () => {
  it("returns what a write names of every row, over several statements", async () => {
    await insertTogether(client, [shelves(["c"])]);
    const written = await writeRows<number, { id: number }>(client, books(20_002, "c", 50_000), "id");
    expect(written.count).toBe(20_002);
    expect(written.rows.length).toBe(20_002);
    expect(written.rows.at(-1)).toEqual({ id: 70_001 });
  });

  it("adds columns computed from a table joined to the rows", async () => {
    await client.query("CREATE TABLE hexes (colour text PRIMARY KEY, hex text)");
    await client.query("INSERT INTO hexes VALUES ('cyan', '#0ff')");
    await writeRows<string>(client, {
      table: "colours",
      columns: [col.text("name", (n) => n)],
      rows: ["cyan"],
      joined: { join: (u) => `JOIN hexes h ON h.colour = ${u("name")}`, columns: { hex: "h.hex" } },
    });
    expect((await client.query("SELECT hex FROM colours WHERE name = 'cyan'")).rows).toEqual([{ hex: "#0ff" }]);
  });

  it("deletes the rows matching any of the given keys, and nothing else", async () => {
    await insertTogether(client, [shelves(["d"]), books(5, "d", 90_000)]);
    await deleteRows<{ id: number; shelf: string }>(
      client,
      "books",
      [col.int("id", (k) => k.id), col.text("shelf", (k) => k.shelf)],
      [
        { id: 90_001, shelf: "d" },
        { id: 90_003, shelf: "d" },
        { id: 90_004, shelf: "elsewhere" },
      ],
    );
    expect((await client.query("SELECT id FROM books WHERE shelf = 'd' ORDER BY id")).rows.map((r) => r.id)).toEqual([
      90_000, 90_002, 90_004,
    ]);
  });
});

/**
 * A report streams with backpressure: the route reads rows from the database only as the client
 * reads the file. The client reads the first chunk of tag-history.csv and stops; once the
 * database has gone quiet, marker rows are inserted every MARKER_EVERY rows of the trail. A marker
 * the stream had already read past cannot appear in the rest of the file, so the markers missing
 * from it count the rows read ahead of the client: the text chunks the streams queue and a read,
 * never the whole table.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry } from "@/lib/testing/factories";
import { GET as report } from "./route";
import { waitForQuietDatabase } from "@/lib/testing/quiet-database";

const ROWS = 30_000;
/**
 * The most the stream may have read ahead: the chunk the client read and those the streams queue
 * (64 KB of text each, ~520 rows here) and one read of TAG_HISTORY_READ (250) rows; 2,000–2,999
 * measured.
 */
const READ_AHEAD_ROWS = 3_000;
const MARKER_EVERY = 500;
const DIGEST = `sha256:${"e".repeat(64)}`;
const tagOf = (i: number) => `t${String(i).padStart(5, "0")}`;
/** Sorts right after tagOf(i) and before tagOf(i + 1), in the C and the linguistic collations alike. */
const markerOf = (i: number) => `${tagOf(i)}m`;

let testDb: TestDatabase;
let registryId: number;

beforeAll(async () => {
  testDb = await createTestDatabase();
  registryId = (await createRegistry(testDb.db, { name: "acme" })).id;
  await testDb.pool.query(
    `INSERT INTO tag_history (registry_id, repository_name, tag, digest, seen_from)
     SELECT $1, 'team/app', 't' || lpad(i::text, 5, '0'), $2, '2026-01-01'
     FROM generate_series(0, $3 - 1) AS i`,
    [registryId, DIGEST, ROWS],
  );
}, 120_000);

afterAll(() => testDb.drop());

describe("a CSV report's stream", () => {
  it("reads rows from the database only as the client reads, a few chunks ahead at most", async () => {
    const url = "http://localhost/api/reports/tag-history.csv";
    const response = await report(new Request(url), { params: Promise.resolve({ name: "tag-history.csv" }) });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    await waitForQuietDatabase(testDb.pool);

    const markers = Array.from({ length: ROWS / MARKER_EVERY }, (_, k) => markerOf(k * MARKER_EVERY));
    await testDb.pool.query(
      `INSERT INTO tag_history (registry_id, repository_name, tag, digest, seen_from)
       SELECT $1, 'team/app', tag, $2, '2026-01-01' FROM unnest($3::text[]) AS tag`,
      [registryId, DIGEST, markers],
    );
    for (let next = await reader.read(); !next.done; next = await reader.read())
      text += decoder.decode(next.value, { stream: true });

    const tags = text
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[2]);
    // Every row there was, once and in trail order, whatever the stream read when.
    const original = tags.filter((t) => !t.endsWith("m"));
    expect(original).toEqual(Array.from({ length: ROWS }, (_, i) => tagOf(i)));
    const missing = markers.filter((m) => !tags.includes(m));
    // Read ahead when the markers went in: a few chunks, not the 30,000 rows.
    expect(missing.length).toBeLessThanOrEqual(READ_AHEAD_ROWS / MARKER_EVERY);
    expect(tags.length - ROWS).toBe(markers.length - missing.length);
  }, 120_000);
});

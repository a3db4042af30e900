/**
 * npx tsx scripts/bench/scale-report-estate.ts --data-dir DIR [--times 20]
 * Multiplies a synced estate for the streamed reports when a synced `large` is out of reach: every
 * repository is copied `times - 1` times in its registry (named NAME-xK) with its manifests (their
 * bodies and blobs shared by digest) and its tag trail, so `image-size-trends` and `tag-history`
 * reach `large`'s rows (a `medium` sync × 20: ~870k and ~670k) with a synced estate's shape.
 * Only for measuring reports: the copies have no tags, snapshots or kept figures. DIR is an
 * embedded PostgreSQL data directory (e.g. one `npm run sync` filled with SIMULATOR_SCALE=medium
 * and REGISTRY_LEDGER_DATA_DIR=DIR); it is changed in place.
 */
import { Command } from "commander";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/database/embedded";

const opts = new Command("scale-report-estate")
  .requiredOption("--data-dir <dir>", "the embedded PostgreSQL data directory holding a synced estate")
  .option("--times <n>", "how many of each repository there are afterwards", "20")
  .parse()
  .opts<{ dataDir: string; times: string }>();

const times = Number(opts.times);
if (!Number.isInteger(times) || times < 2) throw new Error("--times is a whole number, 2 or more");

/** The table's columns but these, in order: a copy names every other column as it is. */
async function columnsBut(pool: pg.Pool, table: string, but: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND NOT (column_name = ANY($2::text[]))
      ORDER BY ordinal_position`,
    [table, but],
  );
  return rows.map((r) => `"${r.name}"`);
}

const of = (alias: string, columns: string[]) => columns.map((c) => `${alias}.${c}`).join(", ");

const server = await startEmbeddedPostgres({ dataDir: opts.dataDir });
const pool = new pg.Pool({ connectionString: server.url, max: 1 });
try {
  const started = performance.now();
  const copies = `generate_series(2, ${times}) AS k`;
  const repository = await columnsBut(pool, "repositories", ["id", "registry_id", "name"]);
  const manifest = await columnsBut(pool, "manifests", ["id", "repository_id"]);
  const history = await columnsBut(pool, "tag_history", ["id", "registry_id", "repository_name"]);
  await pool.query("BEGIN");
  await pool.query(`CREATE TEMP TABLE originals ON COMMIT DROP AS SELECT id, registry_id, name FROM repositories`);
  await pool.query(
    `INSERT INTO repositories (registry_id, name, ${repository.join(", ")})
     SELECT r.registry_id, r.name || '-x' || k, ${of("r", repository)}
       FROM originals o JOIN repositories r ON r.id = o.id CROSS JOIN ${copies}`,
  );
  await pool.query(
    `INSERT INTO manifests (repository_id, ${manifest.join(", ")})
     SELECT c.id, ${of("m", manifest)}
       FROM originals o
       JOIN manifests m ON m.repository_id = o.id
      CROSS JOIN ${copies}
       JOIN repositories c ON c.registry_id = o.registry_id AND c.name = o.name || '-x' || k`,
  );
  await pool.query(
    `INSERT INTO tag_history (registry_id, repository_name, ${history.join(", ")})
     SELECT h.registry_id, h.repository_name || '-x' || k, ${of("h", history)}
       FROM tag_history h CROSS JOIN ${copies}`,
  );
  await pool.query("COMMIT");
  await pool.query("ANALYZE");
  const { rows } = await pool.query<{ repositories: number; manifests: number; history: number }>(
    `SELECT (SELECT count(*)::int FROM repositories) AS repositories, (SELECT count(*)::int FROM manifests) AS manifests,
            (SELECT count(*)::int FROM tag_history) AS history`,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`×${times} in ${seconds} s: ${JSON.stringify(rows[0])}`);
} finally {
  await pool.end();
  await server.stop();
}

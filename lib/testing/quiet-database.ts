/**
 * Test support: waits until no other statement has run on the pool's database for ten polls in a
 * row (about 200 ms), so any read-ahead a stream would do has happened before the test counts.
 */
import type { Pool } from "pg";

export async function waitForQuietDatabase(pool: Pool): Promise<void> {
  for (let quiet = 0; quiet < 10;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

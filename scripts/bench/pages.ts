/**
 * Every page of the app (each page.tsx under app/), its dynamic segments filled from the synced
 * estate: the registry with the most repositories, its repository with the most manifests, the
 * first team. Timed as a user meets them: cold is the first request after a sync, warm the p95
 * of the following requests.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Pool } from "pg";
import { timePage } from "./web-server";

const APP = path.resolve(import.meta.dirname, "../../app");
const WARM_RUNS = 10;

export type PageTiming = { path: string; coldMs: number; warmP95Ms: number };

function pageRoutes(dir = APP): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "api" && !entry.name.startsWith("_")) routes.push(...pageRoutes(full));
    else if (entry.name === "page.tsx") routes.push(`/${path.relative(APP, dir).split(path.sep).join("/")}`);
  }
  return routes.map((r) => r.replace(/\/$/, "") || "/").sort();
}

async function segmentValues(pool: Pool): Promise<Record<string, string | undefined>> {
  const { rows } = await pool.query<{ registry: string; repository: string }>(
    `SELECT g.name AS registry, r.name AS repository FROM repositories r JOIN registries g ON g.id = r.registry_id
     WHERE g.id = (SELECT registry_id FROM repositories GROUP BY registry_id ORDER BY count(*) DESC LIMIT 1)
     ORDER BY r.manifest_count DESC, r.name LIMIT 1`,
  );
  const teams = await pool.query<{ team: string }>(
    "SELECT document::jsonb -> 'teams' -> 0 ->> 'name' AS team FROM chargeback_config",
  );
  return {
    "[registry]": rows[0]?.registry,
    "[name]": rows[0]?.registry,
    "[...repository]": rows[0]?.repository,
    "[team]": teams.rows[0]?.team ?? undefined,
  };
}

/** The pages' paths; a page whose segment has no value in this estate (no team) is left out. */
export async function listPagePaths(pool: Pool): Promise<string[]> {
  const values = await segmentValues(pool);
  const paths: string[] = [];
  for (const route of pageRoutes()) {
    const segments = route.split("/").map((s) => {
      if (!s.startsWith("[")) return s;
      const value = values[s];
      if (value === undefined) return null;
      return s.startsWith("[...") ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
    });
    if (segments.every((s) => s !== null)) paths.push(segments.join("/") || "/");
  }
  return paths;
}

const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.ceil(times.length * 0.95) - 1];

/** Every page once (cold), then each WARM_RUNS times more. */
export async function measurePages(baseUrl: string, paths: readonly string[]): Promise<PageTiming[]> {
  const cold = new Map<string, number>();
  for (const p of paths) cold.set(p, await timePage(baseUrl + p));
  const timings: PageTiming[] = [];
  for (const p of paths) {
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timePage(baseUrl + p));
    timings.push({ path: p, coldMs: Math.round(cold.get(p)!), warmP95Ms: Math.round(p95(warm)) });
  }
  return timings;
}

/** Requests every page once, so the measured cold view is a sync's, not the server's first start. */
export async function warmUp(baseUrl: string, paths: readonly string[]): Promise<void> {
  for (const p of paths) await timePage(baseUrl + p);
}

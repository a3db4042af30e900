/**
 * A sync's data-plane reads, per registry: counted (requests sent, 429s among them) and, unless
 * the budget is off, held to the registry's read budget (read-budget.ts). The budget is shared by
 * every process syncing through the same database: each window's spent tokens are a row of
 * registry_read_budgets, taken in batches by one atomic statement, so the sum of all workers'
 * requests in a window never exceeds it. A worker whose window is spent waits for the next one.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Pool } from "pg";
import { withReadGate, type ReadGate, type RegistryReads } from "../azure/read-metering";
import { getEnv } from "../env";
import {
  batchSize,
  budgetPerWindow,
  msUntilNextWindow,
  windowIndex,
  windowStartMs,
  type ReadBudgetSettings,
} from "./read-budget";

export type ReadCounts = { requests: number; throttled: number };

export type SyncReads = ReadGate & {
  /** From now on, requests to `loginServer` are this registry's (its SKU sets its budget). */
  register(loginServer: string, skuName: string): void;
  countsFor(loginServer: string): ReadCounts;
  totals(): ReadCounts;
};

/** Windows kept for inspection before they are deleted (window_start is UTC). */
const KEEP_WINDOWS_FOR = "1 hour";

/**
 * Takes up to `want` tokens of the window at once for every worker: the grant is computed from
 * the row as locked by this statement (SET reads the old row), so concurrent takes never overdraw.
 */
export async function takeTokens(
  pool: Pool,
  loginServer: string,
  windowStartMs: number,
  want: number,
  budget: number,
): Promise<number> {
  const { rows } = await pool.query<{ granted: number }>(
    `INSERT INTO registry_read_budgets AS b (login_server, window_start, used, granted)
     VALUES ($1, to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC', least($3::int, $4::int), least($3::int, $4::int))
     ON CONFLICT (login_server, window_start) DO UPDATE
       SET used = b.used + greatest(0, least($3::int, $4::int - b.used)),
           granted = greatest(0, least($3::int, $4::int - b.used))
     RETURNING granted`,
    [loginServer, windowStartMs, want, budget],
  );
  return rows[0].granted;
}

export function createSyncReads(pool: Pool, settings: ReadBudgetSettings | null): SyncReads {
  const registries = new Map<string, RegistryReads & { counts: ReadCounts }>();
  let cleaned: Promise<unknown> | undefined;
  const cleanUp = () =>
    (cleaned ??= pool.query(
      `DELETE FROM registry_read_budgets WHERE window_start < (now() AT TIME ZONE 'UTC') - interval '${KEEP_WINDOWS_FOR}'`,
    ));
  return {
    register(loginServer, skuName) {
      const key = loginServer.toLowerCase();
      if (registries.has(key)) return;
      const counts: ReadCounts = { requests: 0, throttled: 0 };
      const take = settings
        ? windowedTake(budgetPerWindow(skuName, settings), settings.windowMs, async (window, want, budget) => {
            await cleanUp();
            return takeTokens(pool, key, windowStartMs(window, settings.windowMs), want, budget);
          })
        : async () => undefined;
      registries.set(key, {
        counts,
        take,
        sent(status) {
          counts.requests += 1;
          if (status === 429) counts.throttled += 1;
        },
      });
    },
    forHost: (host) => registries.get(host),
    countsFor: (loginServer) => ({ ...(registries.get(loginServer.toLowerCase())?.counts ?? zero()) }),
    totals() {
      const total = zero();
      for (const { counts } of registries.values()) {
        total.requests += counts.requests;
        total.throttled += counts.throttled;
      }
      return total;
    },
  };
}

/**
 * The budget ACR_READ_LIMITS and ACR_READ_BUDGET_FRACTION set (null: off), in minute windows.
 * Against the simulator only when it enforces the limits (SIMULATOR_READ_LIMITS=on, or
 * `simulatorLimits`): otherwise the demo, the tests and the bench would wait on limits no one enforces.
 */
export function readBudgetFromEnv(simulatorLimits = false): ReadBudgetSettings | null {
  const env = getEnv();
  if (env.source === "simulator" && !env.simulator.readLimits && !simulatorLimits) return null;
  const budget = env.sync.readBudget;
  return budget && { perWindow: budget.perMinute, fraction: budget.fraction, windowMs: 60_000 };
}

const inScope = new AsyncLocalStorage<SyncReads>();

/**
 * Runs one registry's sync with its data-plane requests metered and budgeted (settings undefined:
 * from the environment; null: counted only). The run record reads the counts from this scope.
 */
export function withRegistryReads<T>(
  pool: Pool,
  registry: { loginServer: string; skuName: string },
  settings: ReadBudgetSettings | null | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const reads = createSyncReads(pool, settings === undefined ? readBudgetFromEnv() : settings);
  reads.register(registry.loginServer, registry.skuName);
  return inScope.run(reads, () => withReadGate(reads, work));
}

/** The requests of the registry whose scope this is, so far (none outside a scope). */
export function readCountsInScope(): ReadCounts {
  return inScope.getStore()?.totals() ?? zero();
}

const zero = (): ReadCounts => ({ requests: 0, throttled: 0 });

type Refill = (window: number, want: number, budget: number) => Promise<number>;

/**
 * One registry's tokens in this process: a batch taken from the shared window, spent locally, and
 * forgotten when its window ends (a token of a past window would let a request land in the next
 * one uncounted). One refill at a time; requests arriving meanwhile wait for it.
 */
function windowedTake(budget: number, windowMs: number, refill: Refill): RegistryReads["take"] {
  let window = -1;
  let tokens = 0;
  let spent = -1; // the last window found spent
  let refilling: Promise<void> | undefined;
  const batch = batchSize(budget);
  return async function take(signal) {
    for (;;) {
      signal?.throwIfAborted();
      const now = windowIndex(Date.now(), windowMs);
      if (window === now && tokens > 0) {
        tokens -= 1;
        return;
      }
      if (spent === now) {
        await waitFor(msUntilNextWindow(Date.now(), windowMs), signal);
        continue;
      }
      refilling ??= refill(now, batch, budget)
        .then((granted) => {
          window = now;
          tokens = granted;
          if (granted === 0) spent = now;
        })
        .finally(() => (refilling = undefined));
      await refilling;
    }
  };
}

async function waitFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}

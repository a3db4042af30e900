/**
 * E2E against the real product: `npm start` on a throwaway data dir (embedded PostgreSQL, the
 * built-in simulator's small estate, a first sync), then a browser. The browser is chosen at run
 * time: Debian's Chromium where installed (machines without internet), Playwright's own otherwise.
 */
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
// E2E_PORT lets two runs test side by side, each on its own port and data dir.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_PORT ? `.data/e2e-${PORT}` : ".data/e2e";

// Far from PORT, so two runs side by side (E2E_PORT) do not take each other's.
const SIGN_IN_PORT = PORT + 1000;
const SIGN_IN_URL = `http://127.0.0.1:${SIGN_IN_PORT}`;
const SIGN_IN_DATA_DIR = `${E2E_DATA_DIR}-sign-in`;
const SIGN_IN_SPEC = /sign-in\.spec\.ts$/;

const launchOptions = existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      // Without the networking flags Chromium floods a closed network with refused connections.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", testIgnore: SIGN_IN_SPEC, use: { ...devices["Desktop Chrome"], launchOptions } },
    {
      name: "sign-in",
      testMatch: SIGN_IN_SPEC,
      // The demo identity provider serves HTTPS with its own CA.
      use: { ...devices["Desktop Chrome"], launchOptions, baseURL: SIGN_IN_URL, ignoreHTTPSErrors: true },
    },
  ],
  webServer: [
    {
      // Playwright starts webServer before globalSetup runs, so the data dir is reset here, first.
      command: `npx tsx e2e/reset-data-dir.ts ${E2E_DATA_DIR} && npm start`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      // The demo replays SIMULATOR_HISTORY_DAYS simulated days at first start, one sync each: the
      // specs run against the default demo (180 days, about a minute and a half on 2 cores) unless
      // the variable is set.
      env: {
        PORT: String(PORT),
        REGISTRY_LEDGER_DATA_DIR: E2E_DATA_DIR,
        ...(process.env.SIMULATOR_HISTORY_DAYS ? { SIMULATOR_HISTORY_DAYS: process.env.SIMULATOR_HISTORY_DAYS } : {}),
      },
      // A fresh start replays the demo history before it builds and serves: allow both.
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // `npm start -- --demo-sign-in` (AUTH_MODE=oidc) on PORT + 1000, without history. It waits
      // for the main server, whose start builds the web app, so the two never build at once.
      command:
        `npx tsx e2e/wait-for-url.ts http://127.0.0.1:${PORT}/api/health && ` +
        `npx tsx e2e/reset-data-dir.ts ${SIGN_IN_DATA_DIR} && npm start -- --demo-sign-in`,
      url: `${SIGN_IN_URL}/api/health`,
      env: { PORT: String(SIGN_IN_PORT), REGISTRY_LEDGER_DATA_DIR: SIGN_IN_DATA_DIR, SIMULATOR_HISTORY_DAYS: "0" },
      timeout: 900_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});

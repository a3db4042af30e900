import path from "node:path";
import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./lib/testing/slow-first-sequencer";

/**
 * Integration files two at a time: each has its own database (cloned from the template), its own
 * simulator on free ports and its own child processes, and much of a file's time is spent waiting
 * on them, so a second file fills the idle core. More than two would only queue on 2 cores.
 */
const INTEGRATION_FILES_AT_ONCE = { fileParallelism: true, maxWorkers: 2 } as const;

const exclude = ["**/node_modules/**", "**/.tools/**", "**/.next/**", "**/.data/**", "e2e/**", "lib/generated/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The guard throws outside Next's react-server build; queries are server code either way.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only.ts"),
    },
  },
  test: {
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.integration.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.integration.test.ts"],
          exclude,
          // One embedded PostgreSQL for the run; each file clones its own database from a template.
          globalSetup: ["lib/testing/global-setup.ts"],
          ...INTEGRATION_FILES_AT_ONCE,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration-pgbouncer",
          environment: "node",
          include: ["**/*.integration.test.ts"],
          exclude,
          // The same files with every app connection through PgBouncer in transaction mode
          // (lib/testing/pgbouncer.ts); migrations and cloning go to the server itself. This is
          // the project `npm run test:integration` runs.
          globalSetup: ["lib/testing/global-setup.ts"],
          ...INTEGRATION_FILES_AT_ONCE,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

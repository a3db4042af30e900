/**
 * `npm run generate`: `prisma generate` that works offline. The Prisma 7 CLI downloads a native
 * schema-engine binary before generating even though generation never uses it; pointing
 * PRISMA_SCHEMA_ENGINE_BINARY at any existing file (this Node binary) skips the download.
 * The generated client (lib/generated/prisma) is TypeScript + WASM and needs nothing native.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [prismaCli, "generate", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
if (result.error) {
  console.error(`prisma generate could not start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);

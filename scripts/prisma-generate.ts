/**
 * `npm run generate` (also the postinstall hook): `prisma generate` that works offline. The Prisma 7
 * CLI downloads a native schema-engine binary before generating even though generation never uses
 * it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file (this Node binary) skips the
 * download. The generated client (lib/generated/prisma) is TypeScript + WASM, nothing native.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

let prismaCli: string;
try {
  prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
} catch {
  // `npm ci --omit=dev` has no prisma CLI (a devDependency): do not fail the install over it.
  console.error(
    "prisma generate skipped: the prisma CLI is not installed (install devDependencies, then `npm run generate`).",
  );
  process.exit(process.env.npm_lifecycle_event === "postinstall" ? 0 : 1);
}

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

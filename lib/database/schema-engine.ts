/**
 * The only module that touches Prisma's WASM schema engine. `prisma migrate` needs a native
 * engine binary that cannot be downloaded offline; the WASM build of the same engine works
 * through the pg driver adapter. Its JS API is internal and unversioned, so the versions are
 * pinned here and checked at load: an upgrade must be a deliberate edit of this file.
 *
 * Pinned: @prisma/schema-engine-wasm 7.10.0-7.561d7b42579a2459cc8edf3788918b626c640023,
 *         @prisma/adapter-pg 7.10.1, @prisma/driver-adapter-utils 7.10.1.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
} from "@prisma/driver-adapter-utils";
import type * as Engine from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { LedgerError } from "../errors";

const PINNED_ENGINE_VERSION = "7.10.0-7.561d7b42579a2459cc8edf3788918b626c640023";

export type MigrationList = Engine.MigrationList;
export type SchemaFilter = Engine.SchemaFilter;
export type SchemaEngine = Engine.SchemaEngine;

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

let bindings: Promise<typeof Engine> | undefined;

/** Instantiates the WASM module once per process (its bindings are module-global). */
function loadBindings(): Promise<typeof Engine> {
  bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const { version } = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { version: string };
    if (version !== PINNED_ENGINE_VERSION) {
      throw new LedgerError(
        "internal",
        `@prisma/schema-engine-wasm ${version} is installed; lib/database/schema-engine.ts is written for ${PINNED_ENGINE_VERSION}`,
      );
    }
    // Imported by file URL so bundlers leave it alone; the package exports map hides the .wasm file.
    const bg = (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(path.join(dir, "schema_engine_bg.js")).href
    )) as typeof Engine & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return bindings;
}

/**
 * PostgreSQL's internal one-byte `"char"` type (pg_class.relkind, pg_constraint.contype, ...) has
 * OID 18, which PrismaPg 7.10 cannot map ("Column type 'char' could not be deserialized"), yet the
 * engine's schema describer reads those columns as Character. The pool relabels such fields as
 * text so the adapter accepts them and remembers which columns they were (keyed by the rows
 * array, which the adapter passes through unchanged); withCharacterColumns restores the type.
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumns = new WeakMap<object, number[]>();

class CatalogFriendlyPool extends pg.Pool {
  // pg.Pool#query has many overloads; the adapter only uses the promise form with a config object.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result as never;
    return result.then((res: pg.QueryResult) => {
      const indices: number[] = [];
      (res.fields ?? []).forEach((field, index) => {
        if (field.dataTypeID !== PG_CHAR_OID) return;
        field.dataTypeID = PG_TEXT_OID;
        indices.push(index);
      });
      if (indices.length > 0) charColumns.set(res.rows, indices);
      return res;
    }) as never;
  }
}

function withCharacterColumns<A extends SqlDriverAdapter>(adapter: A): A {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

/** Opens engine connections on the server behind `url`, and shadow databases next to it. */
class MigrationAdapterFactory extends PrismaPg {
  private readonly cleanups: (() => Promise<void>)[] = [];

  constructor(private readonly url: string) {
    // One connection: the engine's advisory lock (pg_advisory_lock) is session-scoped.
    const pool = new CatalogFriendlyPool({ connectionString: url, max: 1 });
    super(pool);
    this.cleanups.push(() => pool.end());
  }

  override async connect() {
    return withCharacterColumns(await super.connect());
  }

  /**
   * PrismaPg's own shadow database reuses its connectionString, which in pg overrides the
   * shadow database name; this one connects by URL and drops the database afterwards.
   */
  override async connectToShadowDb() {
    const name = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
    await adminQuery(this.url, `CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${name}`;
    const pool = new CatalogFriendlyPool({ connectionString: shadowUrl.toString(), max: 1 });
    const adapter = withCharacterColumns(await new PrismaPg(pool).connect());
    let dropped: Promise<void> | undefined;
    const drop = () =>
      (dropped ??= (async () => {
        await pool.end().catch(() => undefined);
        await adminQuery(this.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      })());
    this.cleanups.push(drop);
    adapter.dispose = drop;
    return adapter;
  }

  /** Drops shadow databases and ends connections: the engine does not always dispose them itself. */
  async disposeAll(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` with a schema engine connected to `url` (the engine connects eagerly),
 * freeing it and every connection it opened afterwards.
 */
export async function withSchemaEngine<T>(
  options: { url: string; schema?: { path: string; content: string } },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const factory = new MigrationAdapterFactory(options.url);
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: options.schema ? [[options.schema.path, options.schema.content]] : undefined },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await work(engine);
  } catch (error) {
    throw new LedgerError("internal", `Prisma schema engine: ${describeEngineError(error)}`, { cause: error });
  } finally {
    engine.free();
    await factory.disposeAll();
  }
}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

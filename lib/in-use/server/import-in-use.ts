/**
 * Stores an upload of in-use images for a cluster. The newest import per cluster is the one that
 * counts: a re-import deletes the previous one and writes the new one in one transaction, under a
 * per-cluster advisory lock so two concurrent uploads of one cluster queue instead of colliding.
 * An upload with no image reference would leave the cluster's images unprotected from cleanup
 * (a wrong kubectl context is enough to produce one), so it is refused unless `allowEmpty` says
 * the cluster really runs nothing; every refusal happens before anything is written. An import
 * records its audit event (the import it replaced and the new one's counts) in its transaction.
 */
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/server/record-audit-event";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import { parseClusterName } from "@/lib/in-use/cluster-name";
import { isAcrLoginServer } from "@/lib/in-use/image-reference";
import { InUseInputError } from "@/lib/in-use/input-error";
import {
  parseInUseImages,
  type InUseFormat,
  type InUseReference,
  type InUseSourceKind,
  type ParsedInUse,
} from "@/lib/in-use/parse";
import { LedgerError } from "@/lib/errors";

export type ImportInUseInput = {
  cluster: string;
  /** The upload: `kubectl get pods -A -o json` output or a list of image references, one a line. */
  body: string;
  /** From the upload's content type; sniffed from the body when absent. */
  format?: InUseFormat;
  importedAt?: Date;
  /** Store an upload with no image reference (the caller's explicit `allowEmpty`); refused otherwise. */
  allowEmpty?: boolean;
};

export type ImportInUseResult = {
  cluster: string;
  sourceKind: InUseSourceKind;
  importedAt: Date;
  /** Distinct references stored. */
  references: number;
  /** Of those, references to an ACR login server or to a registry of the inventory. */
  acrReferences: number;
  /** Containers (kubernetes) or lines (list) read. */
  images: number;
  /** Whether an earlier import of this cluster was replaced. */
  replaced: boolean;
};

const INSERT_BATCH = 2_000;
const TRANSACTION_TIMEOUT_MS = 120_000;

function parseInput(input: ImportInUseInput): { cluster: string; parsed: ParsedInUse } {
  try {
    return { cluster: parseClusterName(input.cluster), parsed: parseInUseImages(input.body, input.format) };
  } catch (error) {
    if (error instanceof InUseInputError)
      throw new LedgerError("validation", error.message, { cause: error, issues: error.issues });
    throw error;
  }
}

async function countAcrReferences(references: readonly InUseReference[]): Promise<number> {
  const db = await getDb();
  const registries = await db.registry.findMany({ where: CURRENT_REGISTRY, select: { loginServer: true } });
  const known = new Set(registries.map((r) => r.loginServer.toLowerCase()));
  return references.filter((r) => known.has(r.loginServer) || isAcrLoginServer(r.loginServer)).length;
}

async function refuseEmpty(cluster: string, parsed: ParsedInUse): Promise<never> {
  const db = await getDb();
  const current = await db.inUseImport.findUnique({
    where: { clusterName: cluster },
    select: { referenceCount: true },
  });
  const read = parsed.sourceKind === "kubernetes" ? `${parsed.imageCount} containers` : "no image reference lines";
  const stored = current ? `its current import's ${current.referenceCount} references` : "its images";
  throw new LedgerError(
    "validation",
    `no image references in the upload (${read}): refusing to replace cluster ${cluster}'s import with nothing, which would ` +
      `leave ${stored} unprotected from cleanup. Check the kubectl context; if the cluster really runs no images, send it ` +
      "again with allowEmpty=true (CLI: --allow-empty)",
  );
}

type ImportCounts = { sourceKind: string; importedAt: Date; referenceCount: number; imageCount: number };

function importJson(i: ImportCounts | null): string | null {
  return i && JSON.stringify({ ...i, importedAt: i.importedAt.toISOString() });
}

function importSummary(after: ImportCounts, before: ImportCounts | null): string {
  const read = after.sourceKind === "kubernetes" ? "containers" : "lines";
  const replaced = before ? `, replacing the import of ${before.importedAt.toISOString()}` : "";
  return `${after.referenceCount} distinct image references from ${after.imageCount} ${read}${replaced}`;
}

export async function importInUseImages(input: ImportInUseInput, actor: Actor): Promise<ImportInUseResult> {
  const { cluster, parsed } = parseInput(input);
  if (parsed.references.length === 0 && !input.allowEmpty) await refuseEmpty(cluster, parsed);
  const importedAt = input.importedAt ?? new Date();
  const db = await getDb();
  const replaced = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('in_use_import'), hashtext(${cluster}))`;
      const counts = { sourceKind: true, importedAt: true, referenceCount: true, imageCount: true } as const;
      const before = await tx.inUseImport.findUnique({ where: { clusterName: cluster }, select: counts });
      const { count } = await tx.inUseImport.deleteMany({ where: { clusterName: cluster } });
      const after = {
        sourceKind: parsed.sourceKind,
        importedAt,
        referenceCount: parsed.references.length,
        imageCount: parsed.imageCount,
      };
      const created = await tx.inUseImport.create({ data: { clusterName: cluster, ...after }, select: { id: true } });
      for (let i = 0; i < parsed.references.length; i += INSERT_BATCH) {
        await tx.inUseImageReference.createMany({
          data: parsed.references
            .slice(i, i + INSERT_BATCH)
            .map(({ count: occurrences, ...ref }) => ({ ...ref, importId: created.id, occurrences })),
        });
      }
      await recordAuditEvent(tx, actor, {
        action: "in-use.import",
        target: cluster,
        summary: importSummary(after, before),
        before: importJson(before),
        after: importJson(after),
      });
      return count > 0;
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  return {
    cluster,
    sourceKind: parsed.sourceKind,
    importedAt,
    references: parsed.references.length,
    acrReferences: await countAcrReferences(parsed.references),
    images: parsed.imageCount,
    replaced,
  };
}

/**
 * What a registry's repositories have in use, per the newest import of every cluster: the digests
 * (pinned in a reference, or reported running by the cluster) and the tags referenced without a
 * pinned digest, which a cleanup resolves through the inventory's tags table (a restart pulls
 * whatever the tag points to now, which may differ from the digest that runs).
 */
import { getDb } from "@/lib/db";
import { isSameRegistry } from "@/lib/in-use/image-reference";
import { Prisma } from "@/lib/generated/prisma/client";

export type InUseFilter = {
  /**
   * The registry's login server, e.g. `myreg.azurecr.io` (any case). References through its
   * geo-replicas' regional endpoints (`myreg.<region>.geo.azurecr.io`) count as the registry's.
   */
  loginServer: string;
  /** One repository, e.g. `team/app`; all of the registry's when absent. */
  repository?: string;
};

export type InUseDigest = { repository: string; digest: string; cluster: string; importedAt: Date };

export type InUseTag = {
  repository: string;
  tag: string;
  /** The digest the cluster reported running for this tag; null while pulling or from a plain list. */
  runningDigest: string | null;
  cluster: string;
  importedAt: Date;
};

export type InUseImages = { digests: InUseDigest[]; tags: InUseTag[] };

function where(hosts: string[], filter: InUseFilter): Prisma.Sql {
  const repository =
    filter.repository === undefined ? Prisma.empty : Prisma.sql`AND r.repository = ${filter.repository}`;
  return Prisma.sql`r.login_server = ANY(${hosts}::text[]) ${repository}`;
}

/** The stored hosts that stand for the registry: a handful of distinct values, so matched here rather than in SQL. */
async function hostsOf(loginServer: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<
    { host: string }[]
  >`SELECT DISTINCT login_server AS host FROM in_use_image_references`;
  return rows.map((r) => r.host).filter((host) => isSameRegistry(host, loginServer));
}

export async function listInUseDigests(filter: InUseFilter): Promise<InUseImages> {
  const db = await getDb();
  const hosts = await hostsOf(filter.loginServer);
  if (hosts.length === 0) return { digests: [], tags: [] };
  const [digests, tags] = await Promise.all([
    db.$queryRaw<InUseDigest[]>`
      SELECT DISTINCT r.repository, r.digest, i.cluster_name AS cluster, i.imported_at AS "importedAt"
        FROM in_use_image_references r JOIN in_use_imports i ON i.id = r.import_id
       WHERE ${where(hosts, filter)} AND r.digest IS NOT NULL
       ORDER BY r.repository, r.digest, cluster`,
    db.$queryRaw<InUseTag[]>`
      SELECT DISTINCT r.repository, r.tag, r.digest AS "runningDigest", i.cluster_name AS cluster, i.imported_at AS "importedAt"
        FROM in_use_image_references r JOIN in_use_imports i ON i.id = r.import_id
       WHERE ${where(hosts, filter)} AND r.tag IS NOT NULL AND r.digest_source IS DISTINCT FROM 'reference'
       ORDER BY r.repository, r.tag, cluster, "runningDigest" NULLS FIRST`,
  ]);
  return { digests, tags };
}

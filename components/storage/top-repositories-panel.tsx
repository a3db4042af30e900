import Link from "next/link";
import type { Access } from "@/lib/auth/access";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import { repositoryHref } from "@/components/storage/repository-urls";
import { listRepositories } from "@/lib/storage/server/list-repositories";

/** The ten repositories with the most attributed bytes: where a cleanup pays off first. */
export async function TopRepositoriesPanel({ access }: { access: Access }) {
  const { rows } = await listRepositories({ sort: "attributed", dir: "desc", pageSize: 10 }, access);
  return (
    <Panel
      title="Largest repositories (attributed)"
      actions={<Link href="/repositories?sort=attributed&dir=desc">All repositories →</Link>}
    >
      {rows.length === 0 ? (
        <EmptyState>No repositories synced yet.</EmptyState>
      ) : (
        <table className="table compact">
          <caption className="sr-only">Largest repositories by attributed bytes</caption>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="muted">{r.registryName}</td>
                <td>
                  <Link href={repositoryHref(r.registryName, r.name)}>{r.name}</Link>
                </td>
                <td className="right">
                  <Bytes value={r.attributedBytes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

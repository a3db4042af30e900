import Link from "next/link";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import { DefinitionList } from "@/components/ui/definition-list";
import { Panel } from "@/components/ui/panel";
import { registryRepositoriesHref } from "@/components/storage/repository-urls";
import { formatPercent } from "@/lib/format";
import type { RegistryDetail } from "@/lib/storage/server/get-registry-detail";

type Detail = NonNullable<RegistryDetail>;

/** What Azure reports as used vs the distinct blob bytes the sync counted, and Azure's usages. */
export function RegistryStorage({ detail }: { detail: Detail }) {
  const s = detail.storage;
  return (
    <div className="grid-2">
      <Panel
        title="Storage"
        testId="registry-storage"
        actions={
          <Link href={registryRepositoriesHref(detail.properties.name)} data-testid="registry-repositories-link">
            {`${s.repositoryCount} repositories →`}
          </Link>
        }
      >
        <DefinitionList
          items={[
            { label: "Repositories", value: <Count value={s.repositoryCount} /> },
            { label: "Manifests", value: <Count value={s.manifestCount} /> },
            { label: "Tags", value: <Count value={s.tagCount} /> },
            { label: "Logical (sum of manifests)", value: <Bytes value={s.logicalBytes} /> },
            { label: "Stored (distinct blobs)", value: <Bytes value={s.storedBytes} testId="registry-stored-bytes" /> },
            {
              label: "Reported usage (Azure)",
              value: <Bytes value={s.reportedUsageBytes} testId="registry-reported-usage" />,
            },
            {
              label: "Gap (reported − stored)",
              testId: "registry-usage-gap",
              value:
                s.usageGapBytes === null ? null : (
                  <>
                    <Bytes value={s.usageGapBytes} />
                    {s.usageGapRatio === null ? null : (
                      <span className="muted"> ({formatPercent(s.usageGapRatio)} of reported)</span>
                    )}
                  </>
                ),
            },
          ]}
        />
      </Panel>
      <Panel title="Usages (Azure)" testId="registry-usages">
        {detail.usages.length === 0 ? (
          <p className="empty">No usages reported.</p>
        ) : (
          <table className="table compact">
            <caption className="sr-only">Usages Azure reports for the registry</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="right">
                  Current
                </th>
                <th scope="col" className="right">
                  Limit
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.usages.map((u) => (
                <tr key={u.name}>
                  <td>{u.name}</td>
                  <td className="right">
                    {u.unit === "Bytes" ? <Bytes value={u.currentValue} /> : <Count value={u.currentValue} />}
                  </td>
                  <td className="right">
                    {u.unit === "Bytes" ? <Bytes value={u.limit} /> : <Count value={u.limit} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

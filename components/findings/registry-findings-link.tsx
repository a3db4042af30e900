import Link from "next/link";
import { listFindings } from "@/lib/findings/server/list-findings";
import { findingsHref } from "./finding-urls";

/** "Findings (3)" on a registry's page, to the findings filtered to it. */
export async function RegistryFindingsLink({ registry }: { registry: string }) {
  const { rows } = await listFindings({ registry });
  return (
    <Link href={findingsHref({ registry })} data-testid="registry-findings-link" data-count={rows.length}>
      Findings ({rows.length})
    </Link>
  );
}

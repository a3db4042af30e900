"use client";

import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { Bytes } from "@/components/ui/bytes";
import { describeIssue } from "@/lib/errors";
import type { ConfigDocument } from "./config-draft";
import { MatchSummary } from "./rules-fields";
import { postChargebackPreview, type PreviewResult } from "./teams-api";
import { chargebackQueryKeys } from "./teams-query-keys";
import { useDebouncedValue } from "../ui/use-debounced-value";

const PREVIEW_DELAY_MS = 400;

/** What the draft's rules match in the current inventory, re-asked 400 ms after the draft stops changing. */
export function useRulesPreview(document: ConfigDocument): UseQueryResult<PreviewResult> {
  const json = useDebouncedValue(JSON.stringify(document), PREVIEW_DELAY_MS);
  return useQuery({
    queryKey: chargebackQueryKeys.preview(json),
    queryFn: ({ signal }) => postChargebackPreview(JSON.parse(json) as ConfigDocument, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Below the rules: the registry-tag fallback, what stays unallocated, and why a draft cannot be previewed. */
export function PreviewSummary({ preview }: { preview: UseQueryResult<PreviewResult> }) {
  const data = preview.data;
  return (
    <div
      className="stack small"
      data-testid="preview-summary"
      data-fetching={preview.isFetching ? "true" : "false"}
      style={{ marginTop: 12 }}
    >
      {preview.isError ? <span style={{ color: "var(--bad)" }}>{preview.error.message}</span> : null}
      {data && !data.ok ? (
        <span className="warn-text" data-testid="preview-problems">
          Preview paused until the draft is valid:{" "}
          {data.issues.map((issue) => describeIssue(issue, "(config)")).join("; ")}
        </span>
      ) : null}
      {data?.ok ? (
        <>
          <span data-testid="preview-fallback">
            Registry <code>team</code> tag naming a declared team (fallback):{" "}
            <MatchSummary match={data.preview.registryTag} />
          </span>
          <span data-testid="preview-unallocated" data-count={data.preview.unallocated.repositoryCount}>
            Unallocated: <MatchSummary match={data.preview.unallocated} />
          </span>
          <span className="muted">
            of {data.preview.totalRepositories} repositories in the inventory (
            <Bytes value={data.preview.totalAttributedBytes} /> attributed)
            {preview.isFetching ? " · updating…" : ""}
          </span>
          <table className="table compact" data-testid="preview-by-team">
            <caption className="sr-only">Repositories and attributed bytes each team would get</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col" className="right">
                  Repositories
                </th>
                <th scope="col" className="right">
                  Attributed bytes
                </th>
              </tr>
            </thead>
            <tbody>
              {data.preview.byTeam.map((t) => (
                <tr key={t.team} data-testid="preview-team" data-team={t.team} data-count={t.repositoryCount}>
                  <td>{t.team}</td>
                  <td className="right num">{t.repositoryCount} repositories</td>
                  <td className="right">
                    <Bytes value={t.attributedBytes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

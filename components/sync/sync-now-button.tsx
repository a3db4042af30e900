"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/components/query/query-keys";
import { postSyncRequest } from "./sync-api";

export function SyncNowButton() {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: postSyncRequest,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.sync.status() }),
  });
  return (
    <div className="sync-now">
      <button type="button" onClick={() => mutation.mutate()} disabled={mutation.isPending} data-testid="sync-now">
        {mutation.isPending ? "Requesting…" : "Sync now"}
      </button>
      <span className="muted" role="status" data-testid="sync-now-result">
        {mutation.isError ? mutation.error.message : null}
        {mutation.data?.queued ? "Sync queued." : null}
        {mutation.data && !mutation.data.queued ? mutation.data.message : null}
      </span>
    </div>
  );
}

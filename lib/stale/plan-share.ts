/**
 * Part of one registry's cleanup plan: the items in some repositories (a team's, an access's).
 * Reclaimable bytes exist per registry only, since blobs are shared across repositories, so they
 * belong to the part only when every delete of the registry's plan is in it.
 */
export function planShare<T extends { action: string }>(
  items: readonly T[],
  isMine: (item: T) => boolean,
): { items: T[]; ownsEveryDelete: boolean } {
  return {
    items: items.filter(isMine),
    ownsEveryDelete: items.every((item) => item.action !== "delete" || isMine(item)),
  };
}

/** Every TanStack Query key of the app, built here so invalidation and polling agree. */
export const queryKeys = {
  sync: {
    all: ["sync"] as const,
    status: () => [...queryKeys.sync.all, "status"] as const,
  },
};

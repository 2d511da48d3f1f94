// One factory for every TanStack Query key, so invalidation is hierarchical and typo-free.
export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

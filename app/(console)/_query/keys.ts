// One factory for every TanStack Query key, so invalidation is hierarchical and typo-free.
export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

export const alertKeys = {
  all: ["alerts"] as const,
  lists: () => [...alertKeys.all, "list"] as const,
  /** `search` is the canonical view query string (viewToSearch), so equal views share a cache entry. */
  list: (search: string) => [...alertKeys.lists(), search] as const,
  /** The SLA counts within a view (`search` as in `list`). */
  sla: (search: string) => [...alertKeys.all, "sla", search] as const,
  /** One expanded group of a grouped queue: the view narrowed to the group, its first page. */
  group: (search: string) => [...alertKeys.lists(), "group", search] as const,
  detail: (id: string) => [...alertKeys.all, "detail", id] as const,
};

export const incidentKeys = {
  all: ["incidents"] as const,
  lists: () => [...incidentKeys.all, "list"] as const,
  list: (search: string) => [...incidentKeys.lists(), search] as const,
  detail: (id: string) => [...incidentKeys.all, "detail", id] as const,
};

export const viewKeys = {
  all: ["views"] as const,
  list: (page: string) => [...viewKeys.all, page] as const,
};

export const deviceKeys = {
  all: ["devices"] as const,
  lists: () => [...deviceKeys.all, "list"] as const,
  /** `search` is the canonical view query string (deviceViewToSearch). */
  list: (search: string) => [...deviceKeys.lists(), search] as const,
  detail: (id: string) => [...deviceKeys.all, "detail", id] as const,
};

export const actionKeys = {
  all: ["actions"] as const,
  lists: () => [...actionKeys.all, "list"] as const,
  /** One page (the device panel, a bulk scan's follow-up). */
  list: (search: string) => [...actionKeys.lists(), search] as const,
  /** The action center's cursor-paged list: its cached data has another shape, so it never shares a key with list(). */
  pages: (search: string) => [...actionKeys.lists(), "pages", search] as const,
  detail: (id: string) => [...actionKeys.all, "detail", id] as const,
  /** Requests awaiting the signed-in person's approval (the navigation badge). */
  awaitingMe: () => [...actionKeys.all, "awaiting-me"] as const,
};

export const tvmKeys = {
  all: ["tvm"] as const,
  vulnerabilities: (search: string) => [...tvmKeys.all, "vulnerabilities", search] as const,
  recommendations: (search: string) => [...tvmKeys.all, "recommendations", search] as const,
};

export const auditKeys = {
  all: ["audit"] as const,
  list: (search: string) => [...auditKeys.all, "list", search] as const,
};

export const syncKeys = {
  all: ["sync"] as const,
  /** The status followed after a pass started at `startedAt` (each start follows afresh). */
  status: (startedAt: number) => [...syncKeys.all, "status", startedAt] as const,
};

export const notificationKeys = {
  all: ["notifications"] as const,
  rules: () => [...notificationKeys.all, "rules"] as const,
};

export const detectionKeys = {
  all: ["detections"] as const,
  list: () => [...detectionKeys.all, "list"] as const,
};

export const huntingKeys = {
  all: ["hunting"] as const,
  queries: () => [...huntingKeys.all, "queries"] as const,
  quota: () => [...huntingKeys.all, "quota"] as const,
  history: () => [...huntingKeys.all, "history"] as const,
};

export const investigationKeys = {
  all: ["investigations"] as const,
  list: (search: string) => [...investigationKeys.all, "list", search] as const,
};

export const indicatorKeys = {
  all: ["indicators"] as const,
  list: (search: string) => [...indicatorKeys.all, "list", search] as const,
};

import type { CachedKind } from "@/lib/cache/exists";

// The console's detail pages: the address each answers, the cached record it shows, and what a person reads when
// that record is missing. One table for the pages' not-found.tsx, the console layout's 404 check and the root
// not-found page (which is what a full page load shows, because the 404 is decided before streaming starts).

export interface DetailPage {
  kind: CachedKind;
  /** The id in the path, or null when the path is not this page. */
  match: (pathname: string) => string | null;
  panel: { title: string; detail: string; backHref: string; backLabel: string };
}

const under = (prefix: string) => (pathname: string) => {
  const m = new RegExp(`^${prefix}/([^/]+)/?$`).exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
};

const notSynced = "It may not be synced yet, or the link is wrong.";

export const DETAIL_PAGES = {
  alert: {
    kind: "alert",
    match: under("/alerts"),
    panel: {
      title: "Alert not found",
      detail: `The console's cache has no alert with this id. ${notSynced}`,
      backHref: "/alerts",
      backLabel: "Back to the alert queue",
    },
  },
  device: {
    kind: "device",
    match: under("/devices"),
    panel: {
      title: "Device not found",
      detail: `The console's cache has no device with this id. ${notSynced}`,
      backHref: "/devices",
      backLabel: "Back to the device inventory",
    },
  },
  incident: {
    kind: "incident",
    match: under("/incidents"),
    panel: {
      title: "Incident not found",
      detail: "The console's cache has no incident with this id.",
      backHref: "/incidents",
      backLabel: "Back to incidents",
    },
  },
  vulnerability: {
    kind: "vulnerability",
    match: under("/tvm/vulnerabilities"),
    panel: {
      title: "Vulnerability not found",
      detail: `The console's cache has no CVE with this id. ${notSynced}`,
      backHref: "/tvm/vulnerabilities",
      backLabel: "Back to vulnerabilities",
    },
  },
  recommendation: {
    kind: "recommendation",
    match: under("/tvm/recommendations"),
    panel: {
      title: "Recommendation not found",
      detail: `The console's cache has no recommendation with this id. ${notSynced}`,
      backHref: "/tvm/recommendations",
      backLabel: "Back to recommendations",
    },
  },
} satisfies Record<CachedKind, DetailPage>;

/** The detail page a path opens, with the id in it; null for any other path. */
export function detailPageOf(pathname: string): { page: DetailPage; id: string } | null {
  for (const page of Object.values(DETAIL_PAGES)) {
    const id = page.match(pathname);
    if (id !== null) return { page, id };
  }
  return null;
}

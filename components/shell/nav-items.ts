import type { Permission } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Hidden from roles without it (the page itself also refuses them). */
  permission: Permission;
  /** Short description used by the "coming" state and tooltips. */
  summary: string;
}

export const NAV_ITEMS: NavItem[] = [
  {
    href: "/alerts",
    label: "Alerts",
    permission: "console:read",
    summary: "Triage the alert queue: filter, assign, classify and resolve in bulk against SLA clocks.",
  },
  {
    href: "/incidents",
    label: "Incidents",
    permission: "console:read",
    summary: "Incidents correlating alerts across devices and users.",
  },
  {
    href: "/devices",
    label: "Devices",
    permission: "console:read",
    summary: "One inventory merging Defender for Endpoint and Intune, with response actions.",
  },
  {
    href: "/actions",
    label: "Actions",
    permission: "console:read",
    summary: "Response actions in flight, approvals and history.",
  },
  {
    href: "/investigations",
    label: "Investigations",
    permission: "console:read",
    summary: "Defender's automated investigations and the ones waiting for approval.",
  },
  {
    href: "/indicators",
    label: "Indicators",
    permission: "console:read",
    summary: "Custom indicators: block or allow file hashes, IPs, domains and URLs everywhere.",
  },
  {
    href: "/tvm",
    label: "Vulnerabilities",
    permission: "console:read",
    summary: "Exposure and Secure Score trends, CVEs, recommendations and remediation.",
  },
  { href: "/hunting", label: "Hunting", permission: "console:read", summary: "Advanced hunting queries." },
  {
    href: "/posture",
    label: "Posture",
    permission: "console:read",
    summary: "Security configuration posture of the estate.",
  },
  {
    href: "/runbooks",
    label: "Runbooks",
    permission: "runbooks:edit",
    summary: "Incident runbook templates: ordered tasks matched by alert category, severity and source.",
  },
  {
    href: "/live-response/library",
    label: "Live response library",
    permission: "liveresponse:library",
    summary: "Scripts and tools live response runs on devices: upload and delete.",
  },
  {
    href: "/notifications",
    label: "Notifications",
    permission: "notifications:rules",
    summary: "Who hears about what: notification rules, test-send, and the delivery log for Admins.",
  },
  {
    href: "/audit",
    label: "Audit",
    permission: "audit:read",
    summary: "Every state-changing act in the console, who did it and when.",
  },
  {
    href: "/sync",
    label: "Sync",
    permission: "console:read",
    summary: "How fresh the cache is per entity; Sync now and a full resync for Admins.",
  },
  {
    href: "/settings",
    label: "Settings",
    permission: "settings:write",
    summary: "Priority rules, SLA clocks, sync, API tokens and approvals.",
  },
];

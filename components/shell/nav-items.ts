export interface NavItem {
  href: string;
  label: string;
  /** Short description used by the "coming" state and tooltips. */
  summary: string;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/alerts", label: "Alerts", summary: "Triage the alert queue: filter, assign, classify and resolve in bulk against SLA clocks." },
  { href: "/incidents", label: "Incidents", summary: "Incidents correlating alerts across devices and users." },
  { href: "/devices", label: "Devices", summary: "One inventory merging Defender for Endpoint and Intune, with response actions." },
  { href: "/actions", label: "Actions", summary: "Response actions in flight, approvals and history." },
  { href: "/tvm", label: "Vulnerabilities", summary: "Exposure and Secure Score trends, CVEs, recommendations and remediation." },
  { href: "/hunting", label: "Hunting", summary: "Advanced hunting queries." },
  { href: "/posture", label: "Posture", summary: "Security configuration posture of the estate." },
  { href: "/audit", label: "Audit", summary: "Every state-changing act in the console, who did it and when." },
  { href: "/settings", label: "Settings", summary: "Priority rules, SLA clocks, sync, API tokens and approvals." },
];

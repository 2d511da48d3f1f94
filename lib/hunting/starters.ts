import type { SavedQuery } from "./schemas";

// The four hunting queries of the guide this console grew from, shipped read-only as starter queries, corrected for a
// tenant with Microsoft Defender XDR alone (no Microsoft Sentinel workspace). Each note says what changed and why, so
// an analyst who knows the original is not surprised. Sources: the Defender XDR advanced hunting schema reference
// (learn.microsoft.com/defender-xdr/advanced-hunting-schema-tables) and its table pages.

const TIMESTAMP_NOTE =
  'The original filtered on TimeGenerated, a column only tables streamed to a Microsoft Sentinel workspace have; Defender XDR\'s own tables name the event time Timestamp ("Advanced hunting data in Microsoft Defender"), so in a Defender-only tenant the original fails with "Failed to resolve scalar expression named \'TimeGenerated\'".';

interface Starter {
  id: string;
  name: string;
  description: string;
  tags: string[];
  query: string;
  note: string;
}

const STARTERS: readonly Starter[] = [
  {
    id: "starter-high-severity-alerts",
    name: "Devices with high-severity alerts (7 days)",
    description: "High-severity alerts of the last week with their evidence, counted by category and title.",
    tags: ["alerts", "triage"],
    query: `AlertInfo
| where Timestamp > ago(7d)
| where Severity == "High"
| join kind=inner AlertEvidence on AlertId
| summarize AlertCount=count(), UniqueDevices=dcount(DeviceName) by Category, Title
| order by AlertCount desc`,
    note: `${TIMESTAMP_NOTE} The original also matched Severity == "Critical": AlertInfo's severities are High, Medium, Low and Informational ("AlertInfo" table reference), so that test never matched and was dropped.`,
  },
  {
    id: "starter-lsass-dump",
    name: "LSASS memory dump attempts",
    description: "procdump or any process touching lsass with dump switches (credential theft, MITRE T1003.001).",
    tags: ["credential access", "lsass", "T1003"],
    query: `DeviceProcessEvents
| where FileName =~ "procdump.exe" or ProcessCommandLine has "lsass"
| where ProcessCommandLine has_any ("dump", "-ma", "minidump")
| project Timestamp, DeviceName, InitiatingProcessAccountName, ProcessCommandLine`,
    note: `Only the projected column changed: TimeGenerated → Timestamp. ${TIMESTAMP_NOTE}`,
  },
  {
    id: "starter-encoded-powershell",
    name: "Suspicious PowerShell commands (encoded)",
    description: "PowerShell started with encoded, hidden or bypass switches, leaving out Intune's own scripts.",
    tags: ["execution", "powershell", "T1059.001"],
    query: `DeviceProcessEvents
| where FileName =~ "powershell.exe"
| where ProcessCommandLine has_any ("-EncodedCommand", "-enc", "hidden", "bypass")
| where ProcessCommandLine !contains "Intune" // exclude known Intune scripts
| summarize count() by DeviceName, ProcessCommandLine
| order by count_ desc`,
    note: "Unchanged: the original uses only DeviceProcessEvents columns Defender XDR documents, so it runs as written.",
  },
  {
    id: "starter-exploitable-critical-vulnerabilities",
    name: "Devices with exploitable critical vulnerabilities",
    description:
      "Devices ranked by critical vulnerabilities that have a public exploit (Defender Vulnerability Management).",
    tags: ["vulnerabilities", "tvm"],
    query: `DeviceTvmSoftwareVulnerabilities
| where VulnerabilitySeverityLevel == "Critical"
| join kind=inner DeviceTvmSoftwareVulnerabilitiesKB on CveId
| where IsExploitAvailable == true
| summarize CriticalVulns=count() by DeviceName
| order by CriticalVulns desc
| take 50`,
    note: 'The original filtered IsExploitAvailable on DeviceTvmSoftwareVulnerabilities, which has no such column: it belongs to the knowledge base table DeviceTvmSoftwareVulnerabilitiesKB ("DeviceTvmSoftwareVulnerabilitiesKB" table reference). The query now joins the knowledge base on CveId before testing it.',
  },
];

/** When the starters last changed, as their updatedAt. */
const STARTERS_UPDATED_AT = "2026-12-06T00:00:00.000Z";

export function starterQueries(): SavedQuery[] {
  return STARTERS.map((s) => ({
    ...s,
    tags: [...s.tags],
    folder: "",
    shared: true,
    starter: true,
    owner: null,
    updatedAt: STARTERS_UPDATED_AT,
    canEdit: false,
  }));
}

export function isStarterId(id: string): boolean {
  return id.startsWith("starter-");
}

import type { HuntingTimespan } from "./vocabulary";
import { encodeHuntQuery } from "./vocabulary";

// "Hunt" from a device or an alert: /hunting opened with a query for that context, to run or refine. The queries use
// only the documented Defender XDR columns (DeviceProcessEvents, DeviceNetworkEvents, AlertEvidence table
// references on learn.microsoft.com/defender-xdr), so they run unchanged on a real tenant.

/** A KQL string literal: backslashes and double quotes escaped ("String data type", Kusto documentation). */
export function kqlString(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;
}

/** The device's process and network events of the last seven days, newest first. */
export function deviceHuntQuery(device: { machineId: string; name: string }): string {
  return `// ${device.name.replaceAll("\n", " ")}: processes and network connections, last 7 days
let device = ${kqlString(device.machineId)};
union withsource=Table DeviceProcessEvents, DeviceNetworkEvents
| where Timestamp > ago(7d)
| where DeviceId == device
| project Timestamp, Table, ActionType, FileName, ProcessCommandLine, AccountName, RemoteIP, RemotePort, RemoteUrl, InitiatingProcessFileName, InitiatingProcessCommandLine
| order by Timestamp desc
| take 1000`;
}

/**
 * What the alert's devices did from a day before the alert to an hour after it: the alert's evidence (AlertEvidence)
 * names the devices, joined to their process and network events.
 */
export function alertHuntQuery(alert: { id: string; title: string; createdAt: string }): string {
  return `// ${alert.title.replaceAll("\n", " ")}: what its devices did around it
let alertId = ${kqlString(alert.id)};
let raisedAt = datetime(${new Date(alert.createdAt).toISOString()});
AlertEvidence
| where AlertId == alertId and isnotempty(DeviceId)
| distinct DeviceId, DeviceName
| join kind=inner (
    union withsource=Table DeviceProcessEvents, DeviceNetworkEvents
    | where Timestamp between ((raisedAt - 1d) .. (raisedAt + 1h))
  ) on DeviceId
| project Timestamp, Table, DeviceName, ActionType, FileName, ProcessCommandLine, AccountName, RemoteIP, RemoteUrl, InitiatingProcessFileName
| order by Timestamp desc
| take 1000`;
}

/** /hunting with the query in the editor and a time range that covers it. */
export function huntHref(query: string, timespan: HuntingTimespan = "P7D"): string {
  return `/hunting?q=${encodeHuntQuery(query)}${timespan === "P7D" ? "" : `&timespan=${timespan}`}`;
}

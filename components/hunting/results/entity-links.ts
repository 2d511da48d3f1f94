import { huntHref, kqlString } from "./hunt-link";

// Which result values are things the console has a page or a filter for, decided by the column's name AND a check
// of the value's shape (a DeviceName column of a user's own `extend` may hold anything). Column names are those of
// the Defender hunting tables (learn.microsoft.com/defender-xdr/advanced-hunting-schema-tables).

export type EntityKind = "device" | "alert" | "incident" | "file" | "ip" | "user";

export interface EntityLink {
  kind: EntityKind;
  href: string;
  /** What following the link does, for its title and accessible name. */
  title: string;
  /** A second way in: a hunt for the same value (for files, whose queue filter only finds alerted files). */
  hunt?: string;
}

// Defender's machine id: 40 hex digits ("Machine resource type").
const MACHINE_ID = /^[0-9a-f]{40}$/i;
const HOST_NAME = /^[a-z0-9](?:[a-z0-9_.-]{0,252}[a-z0-9_])?$/i;
// Defender for Endpoint alert ids, as the console stores them: `da{ticks}_{int}`, `ar…` for automated investigation
// ("Alert resource type"). Graph alerts_v2 uses the same id for these alerts; its providerAlertId can be the part
// after the prefix, which the alert queue's search finds as a substring of the id.
const MDE_ALERT_ID = /^(?:da|ar)\d{15,}_-?\d+$/i;
const BARE_MDE_ALERT_ID = /^\d{15,}_-?\d+$/;
const OTHER_ALERT_ID = /^[a-z0-9][a-z0-9_-]{5,120}$/i;
const INCIDENT_ID = /^\d{1,18}$/;
const SHA1 = /^[0-9a-f]{40}$/i;
const SHA256 = /^[0-9a-f]{64}$/i;
const UPN = /^[^\s@"]+@[^\s@"]+\.[^\s@"]+$/;
const ACCOUNT_NAME = /^[^\s"\\/\[\]:;|=,+*?<>]{1,104}$/;

const norm = (name: string) => name.toLowerCase();
const DEVICE_ID_COLUMNS = new Set(["deviceid", "machineid"]);
const DEVICE_NAME_COLUMNS = new Set(["devicename", "computername", "computerdnsname"]);
const IP_COLUMNS = new Set(["remoteip", "localip", "ipaddress", "fileoriginip", "requestsourceip", "publicip"]);
const UPN_COLUMNS = new Set(["accountupn", "initiatingprocessaccountupn", "userprincipalname"]);
const ACCOUNT_NAME_COLUMNS = new Set(["accountname", "initiatingprocessaccountname"]);

/** The link for a value of column `column`, or null when it names nothing the console can open. */
export function entityLinkOf(column: string, value: unknown): EntityLink | null {
  if (typeof value === "number" && Number.isInteger(value)) value = String(value);
  if (typeof value !== "string") return null;
  const v = value.trim();
  if (!v) return null;
  const c = norm(column);

  if (DEVICE_ID_COLUMNS.has(c) && MACHINE_ID.test(v))
    return { kind: "device", href: `/devices/${encodeURIComponent(v)}`, title: "Open the device" };
  if (DEVICE_NAME_COLUMNS.has(c) && HOST_NAME.test(v))
    return {
      kind: "device",
      href: `/devices?q=${encodeURIComponent(v)}`,
      title: "Find the device in the inventory",
    };
  if (c === "alertid") return alertLink(v);
  if (c === "incidentid" && INCIDENT_ID.test(v))
    return { kind: "incident", href: `/incidents/${v}`, title: "Open the incident" };
  if (isHashColumn(c) && (SHA1.test(v) || SHA256.test(v))) {
    const hash = v.toLowerCase();
    return {
      kind: "file",
      href: `/alerts?q=${hash}&range=180d`,
      title: "Alerts with this file as evidence",
      hunt: huntHref(fileHunt(hash)),
    };
  }
  if (IP_COLUMNS.has(c) && isIpAddress(v))
    return { kind: "ip", href: huntHref(ipHunt(v)), title: "Hunt for this IP address" };
  if (UPN_COLUMNS.has(c) && UPN.test(v))
    return { kind: "user", href: huntHref(upnHunt(v)), title: "Hunt for this user" };
  if (ACCOUNT_NAME_COLUMNS.has(c) && ACCOUNT_NAME.test(v))
    return { kind: "user", href: huntHref(accountHunt(v)), title: "Hunt for this user" };
  return null;
}

function alertLink(id: string): EntityLink | null {
  if (MDE_ALERT_ID.test(id))
    return { kind: "alert", href: `/alerts/${encodeURIComponent(id)}`, title: "Open the alert" };
  if (BARE_MDE_ALERT_ID.test(id))
    return {
      kind: "alert",
      href: `/alerts?q=${encodeURIComponent(id)}&range=180d`,
      title: "Find the alert in the queue",
    };
  // Other products' alerts (Office 365, Identity, Cloud Apps…) are not in the console's cache: hunt their evidence.
  if (OTHER_ALERT_ID.test(id))
    return {
      kind: "alert",
      href: huntHref(`AlertEvidence\n| where AlertId == ${kqlString(id)}\n| order by Timestamp desc`),
      title: "Hunt for this alert's evidence",
    };
  return null;
}

/** SHA1, SHA256 and their InitiatingProcess… forms. */
function isHashColumn(c: string): boolean {
  return c.endsWith("sha1") || c.endsWith("sha256");
}

export function isIpAddress(v: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255 && String(Number(o)) === o);
  if (!v.includes(":") || !/^[0-9a-f:.]+$/i.test(v)) return false;
  try {
    return new URL(`http://[${v}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** The latest thousand events of `table` matching `where`, with the columns that say what happened. */
function latestEvents(table: string, where: string, columns: string): string {
  return [table, `| where ${where}`, `| project ${columns}`, "| order by Timestamp desc", "| take 1000"].join("\n");
}

function fileHunt(hash: string): string {
  return latestEvents(
    "union DeviceFileEvents, DeviceProcessEvents, DeviceEvents",
    `${hash.length === 40 ? "SHA1" : "SHA256"} == ${kqlString(hash)}`,
    "Timestamp, DeviceId, DeviceName, ActionType, FileName, FolderPath, SHA1, SHA256, InitiatingProcessFileName",
  );
}

function ipHunt(ip: string): string {
  return latestEvents(
    "DeviceNetworkEvents",
    `RemoteIP == ${kqlString(ip)} or LocalIP == ${kqlString(ip)}`,
    "Timestamp, DeviceId, DeviceName, ActionType, LocalIP, LocalPort, RemoteIP, RemotePort, RemoteUrl, InitiatingProcessFileName",
  );
}

function upnHunt(upn: string): string {
  return latestEvents(
    "DeviceProcessEvents",
    `AccountUpn =~ ${kqlString(upn)} or InitiatingProcessAccountUpn =~ ${kqlString(upn)}`,
    "Timestamp, DeviceId, DeviceName, AccountUpn, InitiatingProcessAccountUpn, FileName, ProcessCommandLine",
  );
}

function accountHunt(name: string): string {
  return latestEvents(
    "DeviceLogonEvents",
    `AccountName =~ ${kqlString(name)}`,
    "Timestamp, DeviceId, DeviceName, ActionType, LogonType, AccountDomain, AccountName, RemoteIP",
  );
}

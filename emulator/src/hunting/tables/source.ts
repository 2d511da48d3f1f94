// The stored tables a query reads: device events (events.ts) and tables derived from the generated tenant —
// AlertInfo/AlertEvidence from the alerts, DeviceInfo from the machines (one snapshot per device and day),
// DeviceTvmSoftwareVulnerabilities from the device–CVE rows and DeviceTvmSoftwareVulnerabilitiesKB from the CVE
// catalogue (IsExploitAvailable = the CVE's public exploit flag).
import { templateOf } from "../../tenant/alert-content";
import { DAY_MS } from "../../clock";
import { alertEvidence } from "../../defender/evidence";
import type { Tenant } from "../../tenant/tenant";
import { TABLE_BY_NAME } from "../schema";
import type { QueryContext, Table } from "../table";
import type { Value } from "../values";
import { EVENT_TABLES, type EventTable } from "./catalog";
import { EventStore } from "./events";

const SERVICE_SOURCE = "Microsoft Defender for Endpoint";
const DETECTION_SOURCE: Record<string, string> = {
  WindowsDefenderAtp: "EDR",
  WindowsDefenderAv: "Antivirus",
  AutomatedInvestigation: "Automated investigation",
  CustomTi: "Custom TI",
  SmartScreen: "SmartScreen",
  CustomDetection: "Custom detection",
};

function materialTable(name: string, rows: Record<string, Value>[]): Table {
  const columns = TABLE_BY_NAME.get(name)!.columns.map((c) => ({ ...c }));
  return {
    columns,
    rows: rows.map((r) => columns.map((c) => r[c.name] ?? (c.type === "string" ? "" : null))),
    cell: null,
    source: name,
  };
}

export class HuntingData {
  readonly events: EventStore;

  constructor(private readonly tenant: Tenant) {
    this.events = new EventStore(tenant);
  }

  open(name: string, ctx: QueryContext, range: [number, number] | null): Table {
    const from = Math.max(ctx.from, range?.[0] ?? -Infinity);
    const to = Math.min(ctx.to, range?.[1] ?? Infinity);
    if ((EVENT_TABLES as string[]).includes(name)) {
      const { table, scanned } = this.events.open(name as EventTable, from, to);
      ctx.scanned += scanned;
      return table;
    }
    let t: Table;
    switch (name) {
      case "AlertInfo":
        t = this.alertInfo(from, to);
        break;
      case "AlertEvidence":
        t = this.alertEvidence(from, to);
        break;
      case "DeviceInfo":
        t = this.deviceInfo(from, to, ctx.now);
        break;
      case "DeviceTvmSoftwareVulnerabilities":
        t = this.tvm();
        break;
      case "DeviceTvmSoftwareVulnerabilitiesKB":
        t = this.tvmKb();
        break;
      default:
        throw new Error(`no data for table ${name}`);
    }
    ctx.scanned += t.rows.length;
    return t;
  }

  private alertsIn(from: number, to: number) {
    return this.tenant.alerts.filter((a) => a.createdMs >= from && a.createdMs <= to);
  }

  private alertInfo(from: number, to: number): Table {
    return materialTable(
      "AlertInfo",
      this.alertsIn(from, to).map((a) => {
        const tmpl = templateOf(a);
        return {
          Timestamp: a.createdMs,
          AlertId: a.id,
          Title: tmpl.title,
          Category: tmpl.category,
          Severity: a.severity,
          ServiceSource: SERVICE_SOURCE,
          DetectionSource: DETECTION_SOURCE[tmpl.detectionSource] ?? "EDR",
          AttackTechniques: JSON.stringify(tmpl.mitreTechniques),
        };
      }),
    );
  }

  private alertEvidence(from: number, to: number): Table {
    const rows: Record<string, Value>[] = [];
    for (const a of this.alertsIn(from, to)) {
      const tmpl = templateOf(a);
      const m = this.tenant.machines[a.machine];
      const base = {
        Timestamp: a.createdMs,
        AlertId: a.id,
        Title: tmpl.title,
        Categories: JSON.stringify([tmpl.category]),
        AttackTechniques: JSON.stringify(tmpl.mitreTechniques),
        ServiceSource: SERVICE_SOURCE,
        DetectionSource: DETECTION_SOURCE[tmpl.detectionSource] ?? "EDR",
        Severity: a.severity,
        DeviceId: m?.id ?? "",
        DeviceName: m?.dnsName ?? "",
      };
      // One Machine row per alert so DeviceId/DeviceName join to the device tables.
      if (m) rows.push({ ...base, EntityType: "Machine", EvidenceRole: "Impacted", LocalIP: m.lastIp });
      for (const e of alertEvidence(this.tenant, a)) {
        const type = String(e.entityType);
        rows.push({
          ...base,
          EntityType: type,
          EvidenceRole: type === "User" || type === "Machine" ? "Impacted" : "Related",
          FileName: e.fileName ?? "",
          FolderPath: e.filePath ? `${e.filePath}\\${e.fileName}` : "",
          SHA1: e.sha1 ?? "",
          SHA256: e.sha256 ?? "",
          ProcessCommandLine: e.processCommandLine ?? "",
          RemoteIP: e.ipAddress ?? "",
          RemoteUrl: e.url ?? "",
          RegistryKey: e.registryKey ?? "",
          RegistryValueData: e.registryValue ?? "",
          AccountName: e.accountName ?? "",
          AccountDomain: e.domainName ?? "",
          AccountSid: e.userSid ?? "",
          AccountObjectId: e.aadUserId ?? "",
          AccountUpn: e.userPrincipalName ?? "",
          ThreatFamily: tmpl.threatFamilyName ?? "",
          AdditionalFields: JSON.stringify({ DetectionStatus: e.detectionStatus }),
        });
      }
    }
    return materialTable("AlertEvidence", rows);
  }

  /**
   * DeviceInfo snapshots: one per device and day at 01:00 UTC, plus the latest report within the last hour before
   * now (the real table reports hourly and on change, "DeviceInfo" schema page; daily keeps 30 days of 50,000
   * devices small while `ago(1h)` still finds every active device).
   */
  private deviceInfo(from: number, to: number, now: number): Table {
    const schema = TABLE_BY_NAME.get("DeviceInfo")!;
    const machines = this.tenant.machines;
    const rows: number[] = [];
    const n = machines.length;
    const seen = (i: number, ts: number) => machines[i]!.firstSeenMs <= ts && machines[i]!.lastSeenMs + DAY_MS >= ts;
    for (let day = Math.floor(from / DAY_MS); day <= Math.floor(to / DAY_MS); day++) {
      const ts = day * DAY_MS + 3_600_000;
      if (ts < from || ts > to) continue;
      for (let i = 0; i < n; i++) if (seen(i, ts)) rows.push(day * n + i);
    }
    // Latest reports: row -(i + 1), a few minutes apart per device.
    const latest = (i: number) => now - ((i * 7919) % 3_600_000);
    for (let i = 0; i < n; i++) {
      const ts = latest(i);
      if (ts >= from && ts <= to && seen(i, ts) && machines[i]!.healthStatus === "Active") rows.push(-(i + 1));
    }
    const getters = schema.columns.map((c) => this.deviceInfoColumn(c.name));
    return {
      columns: schema.columns.map((c) => ({ ...c })),
      rows,
      cell: (row, col) => {
        const r = row as number;
        if (r < 0) return getters[col]!(machines[-r - 1]!, latest(-r - 1));
        return getters[col]!(machines[r % n]!, Math.floor(r / n) * DAY_MS + 3_600_000);
      },
      source: "DeviceInfo",
    };
  }

  private deviceInfoColumn(name: string): (m: Tenant["machines"][number], ts: number) => Value {
    const tenant = this.tenant;
    switch (name) {
      case "Timestamp":
        return (_m, ts) => ts;
      case "DeviceId":
        return (m) => m.id;
      case "DeviceName":
        return (m) => m.dnsName;
      case "ClientVersion":
        return (m) => m.agentVersion;
      case "PublicIP":
        return (m) => m.lastExternalIp;
      case "OSArchitecture":
        return (m) => (m.osArchitecture === "64-bit" ? "64-bit" : m.osArchitecture);
      case "OSPlatform":
        return (m) => m.osPlatform;
      case "OSBuild":
        return (m) => m.osBuild;
      case "IsAzureADJoined":
        return (m) => m.isAadJoined;
      case "JoinType":
        return (m) => (m.isAadJoined ? "AAD Joined" : "Domain Joined");
      case "AadDeviceId":
        return (m) => m.aadDeviceId ?? "";
      case "LoggedOnUsers":
        return (m) => {
          const u = m.primaryUser >= 0 ? tenant.employees[m.primaryUser] : undefined;
          return JSON.stringify(u ? [{ UserName: u.accountName, DomainName: "CONTOSO", Sid: u.sid }] : []);
        };
      case "OSVersion":
        return (m) => m.version;
      case "MachineGroup":
        return (m) => m.group.name;
      case "ReportId":
        return (m, ts) => Math.floor(ts / 60_000) * 10 + (m.idx % 10);
      case "OnboardingStatus":
        return (m) => m.onboardingStatus;
      case "DeviceCategory":
        return () => "Endpoint";
      case "DeviceType":
        return (m) =>
          m.family === "server" ? "Server" : m.family === "ios" || m.family === "android" ? "Mobile" : "Workstation";
      case "Model":
        return (m) => m.intune?.model ?? "";
      case "Vendor":
        return (m) => m.intune?.manufacturer ?? "";
      case "OSDistribution":
        return (m) => m.osPlatform;
      case "OSVersionInfo":
        return (m) => m.osVersionFull;
      case "IsInternetFacing":
        return (m) => m.family === "server" && m.machineTags.includes("Internet facing");
      case "SensorHealthState":
        return (m) => (m.healthStatus === "Active" ? "Active" : m.healthStatus);
      case "IsExcluded":
        return () => false;
      case "ExposureLevel":
        return (m) => m.exposureLevel;
      case "AssetValue":
        return (m) => m.deviceValue;
      case "DeviceManualTags":
        return (m) => JSON.stringify(m.machineTags);
      case "DeviceDynamicTags":
        return () => "[]";
      case "ConnectivityType":
        return () => "Standard";
      case "AdditionalFields":
        return () => "{}";
      default:
        return () =>
          TABLE_BY_NAME.get("DeviceInfo")!.columns.find((c) => c.name === name)?.type === "string" ? "" : null;
    }
  }

  private tvm(): Table {
    const schema = TABLE_BY_NAME.get("DeviceTvmSoftwareVulnerabilities")!;
    const { rowMachine, rowVuln } = this.tenant.rows;
    const rows = Array.from({ length: rowVuln.length }, (_v, i) => i);
    const tenant = this.tenant;
    const get = (r: number, name: string): Value => {
      const m = tenant.machines[rowMachine[r]!]!;
      const v = tenant.vulns[rowVuln[r]!]!;
      const s = tenant.software[v.software]!;
      switch (name) {
        case "DeviceId":
          return m.id;
        case "DeviceName":
          return m.dnsName;
        case "OSPlatform":
          return m.osPlatform;
        case "OSVersion":
          return m.version;
        case "OSArchitecture":
          return m.osArchitecture;
        case "SoftwareVendor":
          return s.vendor;
        case "SoftwareName":
          return s.product;
        case "SoftwareVersion":
          return tenant.softwareVersion(m, s);
        case "CveId":
          return v.id;
        case "VulnerabilitySeverityLevel":
          return v.severity;
        case "RecommendedSecurityUpdate":
          return v.fixingKb ? `KB${v.fixingKb}` : "";
        case "RecommendedSecurityUpdateId":
          return v.fixingKb ?? "";
        case "CveTags":
          return [...(v.zeroDay ? ["ZeroDay"] : []), ...(v.fixingKb ? [] : ["NoSecurityUpdate"])];
        default:
          return "";
      }
    };
    const names = schema.columns.map((c) => c.name);
    return {
      columns: schema.columns.map((c) => ({ ...c })),
      rows,
      cell: (r, i) => get(r as number, names[i]!),
      source: schema.name,
    };
  }

  private tvmKb(): Table {
    return materialTable(
      "DeviceTvmSoftwareVulnerabilitiesKB",
      this.tenant.vulns.map((v) => {
        const s = this.tenant.software[v.software]!;
        return {
          CveId: v.id,
          CvssScore: v.cvss.toFixed(1),
          IsExploitAvailable: v.publicExploit,
          VulnerabilitySeverityLevel: v.severity,
          LastModifiedTime: v.updatedMs,
          PublishedDate: v.publishedMs,
          VulnerabilityDescription: v.description,
          AffectedSoftware: [`${s.vendor} ${s.product}`],
        };
      }),
    );
  }
}

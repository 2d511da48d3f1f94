// The six device event tables, generated lazily per (table, UTC day) and deterministic per (seed, device, day):
// background noise for every Windows device plus attack scenarios planted at the generated alerts' devices and
// times. A chunk holds only compact typed arrays; column values are computed when a query reads them.
import { DAY_MS } from "../../clock";
import { mix32, hashString } from "../../random";
import { ALERT_TEMPLATES } from "../../tenant/catalog/alert-templates";
import { asrActionType, asrRuleOfAction } from "../../tenant/posture/asr-rules";
import type { Device, Employee } from "../../tenant/model";
import type { Tenant } from "../../tenant/tenant";
import { TABLE_BY_NAME } from "../schema";
import type { Table } from "../table";
import { NOISE, SCENARIOS, binary, type EventTable, type EventTemplate } from "./catalog";

const SCENARIOS_BY_TITLE = new Map<string, number[]>();
SCENARIOS.forEach((s, i) =>
  s.alertTitles.forEach((title) => SCENARIOS_BY_TITLE.set(title, [...(SCENARIOS_BY_TITLE.get(title) ?? []), i])),
);

/** Rows are `day * ROW_SPAN + index in the day's chunk`. */
const ROW_SPAN = 2 ** 24;

interface Chunk {
  day: number;
  time: Float64Array;
  device: Uint32Array;
  template: Uint16Array;
  salt: Uint32Array;
  length: number;
}

/** Background events per device and day, by table (servers are busier). */
const DAILY: Record<EventTable, [workstation: number, server: number]> = {
  DeviceProcessEvents: [28, 40],
  DeviceNetworkEvents: [20, 30],
  DeviceFileEvents: [10, 8],
  DeviceEvents: [4, 4],
  DeviceLogonEvents: [4, 10],
  DeviceRegistryEvents: [5, 6],
};

interface Planted {
  time: number;
  device: number;
  template: number;
}

/** All templates of one table: noise first, then scenario templates; a chunk stores the index. */
interface TableCatalog {
  templates: EventTemplate[];
  noiseCumulative: number[];
  noiseCount: number;
  columnFns: ((c: Chunk, i: number) => unknown)[][] | null;
}

export class EventStore {
  private catalogs = new Map<EventTable, TableCatalog>();
  private planted = new Map<string, Planted[]>();
  /** Alerts already turned into planted scenarios. */
  private plantedAlerts = 0;
  private cache = new Map<string, Chunk>();
  private cachedRows = 0;
  private readonly seedHash: number;
  private readonly windowsDevices: number[];

  constructor(
    private readonly tenant: Tenant,
    private readonly maxCachedRows = 12_000_000,
  ) {
    this.seedHash = hashString(`${tenant.seed}:hunting`);
    this.windowsDevices = tenant.machines
      .filter((m) => m.family === "windows" || m.family === "server")
      .map((m) => m.idx);
  }

  private catalog(table: EventTable): TableCatalog {
    let c = this.catalogs.get(table);
    if (!c) {
      const noise = NOISE.filter((n) => n.table === table);
      const templates = [...noise];
      for (const s of SCENARIOS)
        for (const [tmpl] of s.events) if (tmpl.table === table && !templates.includes(tmpl)) templates.push(tmpl);
      for (const { template } of this.tenant.posture?.asrEvents ?? [])
        if (template.table === table && !templates.includes(template)) templates.push(template);
      let acc = 0;
      const noiseCumulative = noise.map((n) => (acc += n.weight));
      c = { templates, noiseCumulative, noiseCount: noise.length, columnFns: null };
      this.catalogs.set(table, c);
    }
    return c;
  }

  private plant(scenarioIdx: number, device: number, start: number): void {
    for (const [tmpl, sec] of SCENARIOS[scenarioIdx]!.events) this.plantOne(tmpl, device, start + sec * 1000);
  }

  private plantOne(tmpl: EventTemplate, device: number, time: number): void {
    const key = `${tmpl.table}:${Math.floor(time / DAY_MS)}`;
    let list = this.planted.get(key);
    if (!list) this.planted.set(key, (list = []));
    list.push({ time, device, template: this.catalog(tmpl.table).templates.indexOf(tmpl) });
    // A day already generated without this scenario is generated again on its next read.
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cachedRows -= cached.length;
    }
  }

  /**
   * Scenario events at every alert (on its device, at its first event) and at fixed recent times. Alerts only
   * append (triage changes no device or time), so new ones — live mode — are planted incrementally.
   */
  private plantedFor(table: EventTable, day: number): Planted[] {
    const alerts = this.tenant.alerts;
    if (this.plantedAlerts === 0 && this.windowsDevices.length) {
      // Recent instances of every scenario (last hour, day and week before the tenant's anchor), so hunting
      // queries with ago(1h)/ago(1d)/ago(7d) find something even when no alert is that recent.
      const offsets = [30 * 60_000, 5 * 3_600_000, 3 * DAY_MS];
      SCENARIOS.forEach((_s, i) =>
        offsets.forEach((off, j) => {
          const device = this.windowsDevices[mix32(this.seedHash, i, j) % this.windowsDevices.length]!;
          this.plant(i, device, this.tenant.anchorMs - off - i * 120_000);
        }),
      );
      // The posture's ASR hits (a line-of-business script flagged for 30 days, a few blocks).
      for (const e of this.tenant.posture?.asrEvents ?? []) this.plantOne(e.template, e.device, e.time);
    }
    for (; this.plantedAlerts < alerts.length; this.plantedAlerts++) {
      const a = alerts[this.plantedAlerts]!;
      const device = this.tenant.machines[a.machine];
      // A custom detection's alert is raised from events already there; it plants nothing.
      if (a.custom || !device || (device.family !== "windows" && device.family !== "server")) continue;
      for (const s of SCENARIOS_BY_TITLE.get(ALERT_TEMPLATES[a.template]!.title) ?? [])
        this.plant(s, a.machine, a.firstEventMs - 60_000);
    }
    return this.planted.get(`${table}:${day}`) ?? [];
  }

  private chunk(table: EventTable, day: number): Chunk {
    const key = `${table}:${day}`;
    const planted = this.plantedFor(table, day);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const cat = this.catalog(table);
    const [ws, srv] = DAILY[table];
    const machines = this.tenant.machines;
    let capacity = planted.length;
    for (const idx of this.windowsDevices) capacity += machines[idx]!.family === "server" ? srv * 2 : ws * 2;
    const time = new Float64Array(capacity);
    const device = new Uint32Array(capacity);
    const template = new Uint16Array(capacity);
    const salt = new Uint32Array(capacity);
    const total = cat.noiseCumulative[cat.noiseCumulative.length - 1] ?? 0;
    const tableHash = hashString(table);
    let n = 0;
    for (const idx of this.windowsDevices) {
      const m = machines[idx]!;
      // Devices exist only from their first sighting; no events before it.
      if ((day + 1) * DAY_MS < m.firstSeenMs) continue;
      // mulberry32 seeded per (seed, table, device, day): cheap enough for millions of events.
      let state = mix32(this.seedHash, tableHash, idx, day);
      const next = () => {
        state = (state + 0x6d2b79f5) | 0;
        let x = Math.imul(state ^ (state >>> 15), 1 | state);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      };
      const mean = m.family === "server" ? srv : ws;
      const count = Math.floor(mean * (0.5 + next()));
      for (let k = 0; k < count && total > 0; k++) {
        const pick = next() * total;
        let ti = 0;
        while (cat.noiseCumulative[ti]! < pick) ti++;
        // Working hours are busier: two of three events fall between 07:00 and 19:00 UTC.
        const inDay = next() < 0.66 ? 7 * 3_600_000 + next() * 12 * 3_600_000 : next() * DAY_MS;
        time[n] = day * DAY_MS + Math.floor(inDay);
        device[n] = idx;
        template[n] = ti;
        salt[n] = (next() * 4294967296) >>> 0;
        n++;
      }
    }
    for (const p of planted) {
      time[n] = p.time;
      device[n] = p.device;
      template[n] = p.template;
      salt[n] = mix32(this.seedHash, p.device, Math.floor(p.time / 1000));
      n++;
    }
    const c: Chunk = { day, time, device, template, salt, length: n };
    this.cache.set(key, c);
    this.cachedRows += n;
    for (const [k, old] of this.cache) {
      if (this.cachedRows <= this.maxCachedRows || k === key) break;
      this.cache.delete(k);
      this.cachedRows -= old.length;
    }
    return c;
  }

  /** A lazy table of the events in [from, to], at most `now`. */
  open(table: EventTable, from: number, to: number): { table: Table; scanned: number } {
    const schema = TABLE_BY_NAME.get(table)!;
    const cat = this.catalog(table);
    const fns = (cat.columnFns ??= cat.templates.map((tmpl) =>
      schema.columns.map((col) => columnFn(this.tenant, tmpl, col.name, col.type)),
    ));
    const chunks = new Map<number, Chunk>();
    const rows: number[] = [];
    let scanned = 0;
    // An ASR hit exists only where a policy turns its rule on (audit, warn or block) on that device.
    const asrRules = cat.templates.map((tmpl) => asrRuleOfAction(tmpl.actionType));
    const posture = this.tenant.posture;
    const machines = this.tenant.machines;
    const reported = (c: Chunk, i: number) => {
      const rule = asrRules[c.template[i]!];
      if (!rule || !posture) return true;
      const mode = posture.asrModeFor(machines[c.device[i]!]!, rule.guid);
      return mode !== null && mode !== "off";
    };
    const firstDay = Math.floor(from / DAY_MS);
    const lastDay = Math.floor(to / DAY_MS);
    for (let day = firstDay; day <= lastDay; day++) {
      const c = this.chunk(table, day);
      chunks.set(day, c);
      scanned += c.length;
      const t = c.time;
      for (let i = 0; i < c.length; i++)
        if (t[i]! >= from && t[i]! <= to && reported(c, i)) rows.push(day * ROW_SPAN + i);
    }
    const cell = (row: unknown, col: number) => {
      const r = row as number;
      const day = Math.floor(r / ROW_SPAN);
      const c = chunks.get(day)!;
      const i = r - day * ROW_SPAN;
      return fns[c.template[i]!]![col]!(c, i);
    };
    return { table: { columns: schema.columns.map((c) => ({ ...c })), rows, cell, source: table }, scanned };
  }
}

const SERVICES = ["wuauserv", "BITS", "Spooler", "WinDefend", "Sense", "gpsvc", "Dnscache", "LanmanServer", "W32Time"];

const LAN = (salt: number, device: Device) => `10.${device.group.subnet}.${(salt >>> 8) & 0xff}.${2 + (salt % 250)}`;

function fill(text: string, c: Chunk, i: number, tenant: Tenant): string {
  if (!text.includes("{")) return text;
  const device = tenant.machines[c.device[i]!]!;
  const salt = c.salt[i]!;
  return text.replace(/\{(host|user|n|lan|peer|svc)\}/g, (_m, k: string) => {
    switch (k) {
      case "host":
        return device.hostName;
      case "user":
        return userOf(tenant, device)?.accountName ?? "admin";
      case "n":
        return String(salt % 100);
      case "lan":
        return LAN(salt, device);
      case "svc":
        return SERVICES[salt % SERVICES.length]!;
      default: {
        const peers = tenant.machines;
        return peers[(c.device[i]! + 1 + (salt % 7)) % peers.length]!.hostName;
      }
    }
  });
}

function userOf(tenant: Tenant, device: Device): Employee | undefined {
  return device.primaryUser >= 0 ? tenant.employees[device.primaryUser] : undefined;
}

/** How one column of one template is computed for an event. */
function columnFn(tenant: Tenant, tmpl: EventTemplate, name: string, type: string): (c: Chunk, i: number) => unknown {
  const dev = (c: Chunk, i: number) => tenant.machines[c.device[i]!]!;
  const explicit = tmpl.fields?.[name];
  if (explicit !== undefined) {
    if (typeof explicit === "string") return (c, i) => fill(explicit, c, i, tenant);
    return () => explicit;
  }
  const subject = tmpl.file && !tmpl.file.includes("{") ? binaryOrNull(tmpl.file) : null;
  const parent = binaryOrNull(tmpl.parent);
  const grand = tmpl.grandparent ?? (tmpl.system ? "services.exe" : "explorer.exe");
  const account = (c: Chunk, i: number, field: "name" | "domain" | "sid" | "upn" | "oid") => {
    if (tmpl.system) return { name: "system", domain: "nt authority", sid: "S-1-5-18", upn: "", oid: "" }[field];
    const u = userOf(tenant, dev(c, i));
    if (!u)
      return {
        name: "administrator",
        domain: "contoso",
        sid: "S-1-5-21-1004336348-1177238915-682003330-500",
        upn: "",
        oid: "",
      }[field];
    return { name: u.accountName, domain: "contoso", sid: u.sid, upn: u.upn, oid: u.aadUserId }[field];
  };
  const pid = (c: Chunk, i: number, k: number) => 1000 + (mix32(c.salt[i]!, k) % 30000);
  const procStart = (c: Chunk, i: number, k: number) =>
    c.time[i]! - (k === 0 ? 0 : (mix32(c.salt[i]!, k + 9) % (k * 3_600_000)) + 1000);
  const isProcessTable = tmpl.table === "DeviceProcessEvents";
  const fileName = (c: Chunk, i: number) => (tmpl.file ? fill(subject?.name ?? tmpl.file, c, i, tenant) : "");
  switch (name) {
    case "Timestamp":
      return (c, i) => c.time[i];
    case "DeviceId":
      return (c, i) => dev(c, i).id;
    case "DeviceName":
      return (c, i) => dev(c, i).dnsName;
    case "ActionType": {
      // Audited or Blocked as the device's configured mode says.
      const rule = asrRuleOfAction(tmpl.actionType);
      if (!rule || !tenant.posture) return () => tmpl.actionType;
      return (c, i) => asrActionType(rule, tenant.posture.asrModeFor(dev(c, i), rule.guid) ?? "audit");
    }
    case "ReportId":
      return (c, i) => (c.day % 1000) * 100_000 + i;
    case "FileName":
      return fileName;
    case "FolderPath":
      return (c, i) =>
        subject
          ? subject.folder
            ? `${subject.folder}\\${subject.name}`
            : ""
          : tmpl.file
            ? `C:\\Users\\${account(c, i, "name")}\\Downloads\\${fileName(c, i)}`
            : "";
    case "SHA1":
      return (c, i) => subject?.sha1 ?? (tmpl.file ? hashOf("sha1", fileName(c, i)) : "");
    case "SHA256":
      return (c, i) => subject?.sha256 ?? (tmpl.file ? hashOf("sha256", fileName(c, i)) : "");
    case "MD5":
      return (c, i) => subject?.md5 ?? (tmpl.file ? hashOf("md5", fileName(c, i)) : "");
    case "FileSize":
      return (c, i) => subject?.size ?? (tmpl.file ? 4096 + (c.salt[i]! % 900_000) : null);
    case "ProcessCommandLine":
      return (c, i) => (tmpl.cmd ? fill(tmpl.cmd, c, i, tenant) : "");
    case "ProcessId":
      return (c, i) => (isProcessTable || tmpl.cmd ? pid(c, i, 0) : null);
    case "ProcessCreationTime":
      return (c, i) => (isProcessTable || tmpl.cmd ? c.time[i] : null);
    case "ProcessIntegrityLevel":
      return () => (tmpl.system ? "System" : "Medium");
    case "ProcessTokenElevation":
    case "InitiatingProcessTokenElevation":
      return () => (tmpl.system ? "TokenElevationTypeDefault" : "TokenElevationTypeLimited");
    case "AccountDomain":
      return (c, i) => account(c, i, "domain");
    case "AccountName":
      return (c, i) => account(c, i, "name");
    case "AccountSid":
      return (c, i) => account(c, i, "sid");
    case "AccountUpn":
      return (c, i) => account(c, i, "upn");
    case "AccountObjectId":
      return (c, i) => account(c, i, "oid");
    case "LogonId":
    case "InitiatingProcessLogonId":
      return (c, i) => (tmpl.system ? 999 : 100_000 + (c.salt[i]! % 900_000));
    case "InitiatingProcessAccountDomain":
      return (c, i) => account(c, i, "domain");
    case "InitiatingProcessAccountName":
      return (c, i) => account(c, i, "name");
    case "InitiatingProcessAccountSid":
      return (c, i) => account(c, i, "sid");
    case "InitiatingProcessAccountUpn":
      return (c, i) => account(c, i, "upn");
    case "InitiatingProcessAccountObjectId":
      return (c, i) => account(c, i, "oid");
    case "InitiatingProcessIntegrityLevel":
      return () => (tmpl.system ? "System" : "Medium");
    case "InitiatingProcessFileName":
      return () => parent?.name ?? tmpl.parent;
    case "InitiatingProcessFolderPath":
      return () => (parent?.folder ? `${parent.folder}\\${parent.name}`.toLowerCase() : "");
    case "InitiatingProcessSHA1":
      return () => parent?.sha1 ?? "";
    case "InitiatingProcessSHA256":
      return () => parent?.sha256 ?? "";
    case "InitiatingProcessMD5":
      return () => parent?.md5 ?? "";
    case "InitiatingProcessFileSize":
      return () => parent?.size ?? null;
    case "InitiatingProcessId":
      return (c, i) => pid(c, i, 1);
    case "InitiatingProcessCommandLine":
      return (c, i) => (tmpl.parentCmd ? fill(tmpl.parentCmd, c, i, tenant) : (parent?.name ?? tmpl.parent));
    case "InitiatingProcessCreationTime":
      return (c, i) => procStart(c, i, 1);
    case "InitiatingProcessParentId":
      return (c, i) => pid(c, i, 2);
    case "InitiatingProcessParentFileName":
      return () => grand;
    case "InitiatingProcessParentCreationTime":
      return (c, i) => procStart(c, i, 2);
    case "InitiatingProcessSignerType":
      return () =>
        parent?.company === "Microsoft Corporation" ? "OsVendor" : parent?.company ? "ThirdParty" : "Unknown";
    case "InitiatingProcessSignatureStatus":
      return () => (parent?.company ? "Valid" : "Unsigned");
    case "InitiatingProcessSessionId":
      return () => (tmpl.system ? 0 : 1);
    case "IsInitiatingProcessRemoteSession":
    case "IsProcessRemoteSession":
      return () => false;
    case "CreatedProcessSessionId":
      return () => (isProcessTable ? (tmpl.system ? 0 : 1) : null);
    case "LocalIP":
      return (c, i) => dev(c, i).lastIp;
    case "LocalPort":
      return (c, i) => (tmpl.table === "DeviceNetworkEvents" ? 49152 + (c.salt[i]! % 16000) : null);
    case "LocalIPType":
      return () => "Private";
    case "IsAzureInfoProtectionApplied":
      return () => false;
    default:
      break;
  }
  const versionInfo = /^(Process|InitiatingProcess)VersionInfo(\w+)$/.exec(name);
  if (versionInfo) {
    const b = versionInfo[1] === "Process" ? subject : parent;
    const field = versionInfo[2]!;
    return () => {
      if (!b || !b.company) return "";
      switch (field) {
        case "CompanyName":
          return b.company;
        case "ProductName":
          return b.product;
        case "ProductVersion":
          return "10.0.22621.1";
        case "FileDescription":
          return b.description;
        default:
          return b.name;
      }
    };
  }
  if (type === "string") return () => "";
  return () => null;
}

function binaryOrNull(name: string) {
  try {
    return binary(name);
  } catch {
    return null;
  }
}

import { createHash } from "node:crypto";
const hashMemo = new Map<string, string>();
function hashOf(algo: string, name: string): string {
  const k = `${algo}:${name.toLowerCase()}`;
  let h = hashMemo.get(k);
  if (!h) {
    h = createHash(algo).update(`emu-file:${name.toLowerCase()}`).digest("hex");
    if (hashMemo.size < 50_000) hashMemo.set(k, h);
  }
  return h;
}

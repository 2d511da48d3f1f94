// Antivirus health and secure configuration per device:
// - `GET /api/deviceavinfo` ("Export device antivirus health details", JSON variant): one row per device, string
//   booleans ("True"/"False"/"Unknown"), `avMode` as a string-typed integer, default page 20, `$top` ≤ 10,000,
//   `$skip`, `$filter` on the documented columns only; 30 calls/min, 1,000/h.
// - `GET /api/machines/SecureConfigurationsAssessmentByMachine` ("Export secure configuration assessment per
//   device", JSON): one row per (device, configuration), `pageSize` (default 50,000, at most 200,000), `$top` (then no
//   nextLink), `@odata.nextLink` with `$skiptoken`; 30 calls/min, 1,000/h.
import type { ApiEnv } from "../api-env";
import { ODataQueryError } from "../http/errors";
import { decodeSkipToken, encodeSkipToken, respondList } from "../http/list-response";
import { sendBody, ODATA_CONTENT_TYPE } from "../http/respond";
import type { RouteDef } from "../http/router";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import type { Device } from "../tenant/model";
import type { AvState } from "../tenant/posture/model";

const MACHINE_READ = ["Machine.Read.All", "Machine.ReadWrite.All"];
const VULN_READ = ["Vulnerability.Read.All"];

const OS_KIND: Partial<Record<Device["family"], string>> = {
  windows: "windows",
  server: "windows",
  macos: "mac",
  linux: "linux",
};

/** The documentation's examples write whole seconds with a Z. */
const seconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

interface AvRow {
  device: Device;
  av: AvState;
}

const str = (get: (r: AvRow) => string) => ({ type: "string" as const, get });
const AV_FIELDS: EntityFields<AvRow> = {
  entityName: "microsoft.windowsDefenderATP.api.DeviceAvInfo",
  fields: {
    machineId: str((r) => r.device.id),
    computerDnsName: str((r) => r.device.dnsName),
    osKind: str((r) => OS_KIND[r.device.family] ?? ""),
    osPlatform: str((r) => r.device.osPlatform),
    osVersion: str((r) => r.device.osVersionFull),
    avMode: str((r) => r.av.mode),
    avSignatureVersion: str((r) => r.av.signatureVersion),
    avEngineVersion: str((r) => r.av.engineVersion),
    avPlatformVersion: str((r) => r.av.platformVersion),
    quickScanResult: str((r) => r.av.quickScanResult),
    quickScanError: str((r) => (r.av.quickScanResult === "Failed" ? "0x80508023" : "")),
    fullScanResult: str((r) => (r.av.fullScanMs === null ? "" : r.av.fullScanResult)),
    fullScanError: str(() => ""),
    avIsSignatureUpToDate: str((r) => r.av.signatureUpToDate),
    avIsEngineUpToDate: str((r) => r.av.engineUpToDate),
    avIsPlatformUpToDate: str((r) => r.av.platformUpToDate),
    rbacGroupId: { type: "number", get: (r) => r.device.group.id },
  },
};

const AV_RULES: ListRules<AvRow> = {
  entity: AV_FIELDS,
  maxTop: 10_000,
  defaultPageSize: 20,
  options: ["$filter", "$top", "$skip"],
};

function avInfoJson(r: AvRow): Record<string, unknown> {
  const { device: d, av } = r;
  return {
    id: d.id,
    machineId: d.id,
    computerDnsName: d.dnsName,
    osKind: OS_KIND[d.family] ?? "",
    osPlatform: d.osPlatform,
    osVersion: d.osVersionFull,
    avMode: av.mode,
    avSignatureVersion: av.signatureVersion,
    avEngineVersion: av.engineVersion,
    avPlatformVersion: av.platformVersion,
    lastSeenTime: seconds(d.lastSeenMs),
    quickScanResult: av.quickScanResult,
    quickScanError: av.quickScanResult === "Failed" ? "0x80508023" : "",
    quickScanTime: av.quickScanMs === null ? null : seconds(av.quickScanMs),
    fullScanResult: av.fullScanMs === null ? "" : av.fullScanResult,
    fullScanError: "",
    fullScanTime: av.fullScanMs === null ? null : seconds(av.fullScanMs),
    dataRefreshTimestamp: seconds(Math.min(av.lastReportedMs + 3_600_000, Date.now())),
    avEngineUpdateTime: seconds(av.engineUpdateMs),
    avSignatureUpdateTime: seconds(av.signatureUpdateMs),
    avPlatformUpdateTime: seconds(av.platformUpdateMs),
    avIsSignatureUpToDate: av.signatureUpToDate,
    avIsEngineUpToDate: av.engineUpToDate,
    avIsPlatformUpToDate: av.platformUpToDate,
    avSignaturePublishTime: seconds(av.signaturePublishMs),
    rbacGroupName: d.group.name,
    rbacGroupId: d.group.id,
  };
}

/** The antivirus and sensor configurations assessed per device; resolve by name, the ids are community-sourced. */
export const AV_CONFIGURATIONS: readonly {
  id: string;
  name: string;
  subcategory: string;
  impact: number;
  compliant: (d: Device, av: AvState) => boolean;
}[] = [
  {
    id: "scid-2003",
    name: "Turn on Tamper Protection",
    subcategory: "Antivirus",
    impact: 7,
    compliant: (_d, a) => a.tamperProtection,
  },
  {
    id: "scid-2012",
    name: "Turn on real-time protection",
    subcategory: "Antivirus",
    impact: 8,
    compliant: (_d, a) => a.realTimeProtection,
  },
  {
    id: "scid-2011",
    name: "Update Microsoft Defender Antivirus definitions",
    subcategory: "Antivirus",
    impact: 7,
    compliant: (_d, a) => a.signatureUpToDate === "True",
  },
  {
    id: "scid-2010",
    name: "Turn on Microsoft Defender Antivirus",
    subcategory: "Antivirus",
    impact: 9,
    compliant: (_d, a) => a.mode !== "2",
  },
  {
    id: "scid-2016",
    name: "Enable cloud-delivered protection",
    subcategory: "Antivirus",
    impact: 5,
    compliant: (_d, a) => a.cloudProtection,
  },
  {
    id: "scid-2013",
    name: "Turn on PUA protection in block mode",
    subcategory: "Antivirus",
    impact: 4,
    compliant: (_d, a) => a.puaProtection,
  },
  {
    id: "scid-91",
    name: "Enable Microsoft Defender Antivirus real-time behavior monitoring",
    subcategory: "Antivirus",
    impact: 6,
    compliant: (_d, a) => a.behaviorMonitoring,
  },
  {
    id: "scid-2000",
    name: "Sensor enabled",
    subcategory: "EDR",
    impact: 9,
    compliant: (d) => d.healthStatus === "Active",
  },
];

/** `2021-01-11 09:47:58.854`: the secure-configuration export's timestamp form (space-separated, not ISO). */
const assessmentTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

export function avHealthRoutes(env: ApiEnv): RouteDef[] {
  const t = env.tenant;
  const rows: AvRow[] = t.machines.flatMap((device) => {
    const av = t.posture.av.get(device);
    return av && OS_KIND[device.family] ? [{ device, av }] : [];
  });
  const source: CollectionSource<AvRow> = {
    name: "mde:deviceavinfo",
    size: () => rows.length,
    at: (i) => rows[i]!,
    version: () => 0,
  };
  const assessed = rows.filter((r) => r.device.family === "windows" || r.device.family === "server");
  const perDevice = AV_CONFIGURATIONS.length;
  const assessment = (i: number) => {
    const { device: d, av } = assessed[Math.floor(i / perDevice)]!;
    const c = AV_CONFIGURATIONS[i % perDevice]!;
    return {
      deviceId: d.id,
      deviceName: d.dnsName,
      osPlatform: d.osPlatform,
      osVersion: d.osVersionFull,
      timestamp: assessmentTime(Math.min(d.lastSeenMs, t.anchorMs)),
      configurationId: c.id,
      configurationCategory: "Security controls",
      configurationSubcategory: c.subcategory,
      configurationImpact: c.impact,
      isCompliant: c.compliant(d, av),
      isApplicable: true,
      isExpectedUserImpact: false,
      configurationName: c.name,
      recommendationReference: `sca-_-${c.id}`,
      rbacGroupName: d.group.name,
    };
  };
  return [
    // GET /api/deviceavinfo (Machine.Read.All)
    {
      method: "GET",
      template: "/api/deviceavinfo",
      surface: "mde",
      family: "machines.avinfo",
      permissions: MACHINE_READ,
      handler: (ctx) =>
        respondList(ctx, env, {
          source,
          rules: AV_RULES,
          contextUrl: `${ctx.baseUrl}/api/$metadata#DeviceAvInfo`,
          serialize: avInfoJson,
          keyField: "machineId",
          timeField: "lastSeenTime",
          style: "mde",
        }),
    },
    // GET /api/machines/SecureConfigurationsAssessmentByMachine (Vulnerability.Read.All)
    {
      method: "GET",
      template: "/api/machines/SecureConfigurationsAssessmentByMachine",
      surface: "mde",
      family: "tvm.secureConfiguration",
      permissions: VULN_READ,
      handler: async (ctx) => {
        for (const key of ctx.query.keys())
          if (key.startsWith("$") && key !== "$top" && key !== "$skiptoken")
            throw new ODataQueryError(`The query parameter '${key}' is not supported.`);
        const total = assessed.length * perDevice;
        const pageSize = boundedInt(ctx.query.get("pageSize"), "pageSize", 50_000, 200_000);
        const top = ctx.query.get("$top");
        const token = ctx.query.get("$skiptoken");
        const start = token === null ? 0 : Math.min(decodeSkipToken(token), total);
        const end =
          top !== null ? Math.min(total, boundedInt(top, "$top", 0, 200_000)) : Math.min(total, start + pageSize);
        const records: string[] = [];
        for (let i = start; i < end; i++) records.push(JSON.stringify(assessment(i)));
        let body = `{"@odata.context":${JSON.stringify(`${ctx.baseUrl}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.AssetConfiguration)`)},"value":[${records.join(",")}]`;
        if (top === null && end < total) {
          const next = `${ctx.baseUrl}${ctx.url.pathname}?pageSize=${pageSize}&$skiptoken=${encodeSkipToken(end)}`;
          body += `,"@odata.nextLink":${JSON.stringify(next)}`;
        }
        await sendBody(ctx, 200, `${body}}`, ODATA_CONTENT_TYPE);
      },
    },
  ];
}

function boundedInt(raw: string | null, name: string, fallback: number, max: number): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > max || (name === "pageSize" && Number(raw) === 0))
    throw new ODataQueryError(`Invalid value '${raw}' for ${name}; it must be an integer up to ${max}.`);
  return Number(raw);
}

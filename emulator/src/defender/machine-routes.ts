// /api/machines ("List machines API", get-machine-by-id, get-machine-log-on-users): list/get with OData, logonusers.
import type { ApiEnv } from "../api-env";
import { isoTime, DAY_MS } from "../clock";
import { ApiError, notFound } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import { mix32 } from "../random";
import type { Device } from "../tenant/model";
import { machineJson } from "./machine-json";

const READ = ["Machine.Read.All", "Machine.ReadWrite.All"];

/** Filterable properties per "List machines API" (learn.microsoft.com/defender-endpoint/api/get-machines). */
export const MACHINE_FIELDS: EntityFields<Device> = {
  entityName: "microsoft.windowsDefenderATP.api.PublicMachineDto",
  fields: {
    computerDnsName: { type: "string", get: (m) => m.dnsName, sortable: true },
    id: { type: "string", get: (m) => m.id, sortable: true },
    version: { type: "string", get: (m) => m.version },
    deviceValue: { type: "enum", get: (m) => m.deviceValue, enumValues: ["Low", "Normal", "High"] },
    aadDeviceId: { type: "guid", get: (m) => m.aadDeviceId },
    machineTags: { type: "stringList", get: (m) => m.machineTags },
    lastSeen: { type: "datetime", get: (m) => m.lastSeenMs, sortable: true },
    exposureLevel: {
      type: "enum",
      get: (m) => m.exposureLevel,
      enumValues: ["None", "Low", "Medium", "High"],
      sortable: true,
    },
    onboardingStatus: { type: "string", get: (m) => m.onboardingStatus },
    lastIpAddress: { type: "string", get: (m) => m.lastIp },
    healthStatus: { type: "string", get: (m) => m.healthStatus },
    osPlatform: { type: "string", get: (m) => m.osPlatform },
    riskScore: {
      type: "enum",
      get: (m) => m.riskScore,
      enumValues: ["None", "Informational", "Low", "Medium", "High"],
      sortable: true,
    },
    rbacGroupId: { type: "number", get: (m) => m.group.id },
  },
};

const MACHINE_RULES: ListRules<Device> = {
  entity: MACHINE_FIELDS,
  maxTop: 10_000,
  defaultPageSize: 10_000,
  options: ["$filter", "$top", "$skip", "$orderby"],
};

export function machineOr404(env: ApiEnv, id: string): Device {
  const m = env.tenant.findMachine(id);
  if (!m) throw notFound("Machine", id);
  return m;
}

/** Users seen on a device: the primary user, plus admins on servers; deterministic per device. */
function logonUsers(env: ApiEnv, m: Device): Record<string, unknown>[] {
  const t = env.tenant;
  const picks: { idx: number; type: string; admin: boolean }[] = [];
  if (m.primaryUser >= 0) picks.push({ idx: m.primaryUser, type: "Interactive", admin: false });
  const extra =
    m.family === "server" || m.family === "linux" ? 1 + (mix32(m.idx, 3) % 3) : mix32(m.idx, 5) % 4 === 0 ? 1 : 0;
  for (let k = 0; k < extra && t.employees.length; k++) {
    picks.push({
      idx: mix32(m.idx, 11, k) % t.employees.length,
      type: m.family === "server" ? "RemoteInteractive" : "Network",
      admin: m.family === "server" && k === 0,
    });
  }
  return picks.map((p, k) => {
    const e = t.employees[p.idx]!;
    const lastSeen = m.lastSeenMs - k * 3_600_000;
    return {
      id: `contoso\\${e.accountName}`,
      accountName: e.accountName,
      accountDomain: "contoso",
      accountSid: e.sid,
      firstSeen: isoTime(Math.max(m.firstSeenMs, lastSeen - (30 + (mix32(p.idx, 1) % 300)) * DAY_MS)),
      lastSeen: isoTime(lastSeen),
      mostPrevalentMachineId: m.id,
      leastPrevalentMachineId: m.id,
      logonTypes: p.type,
      logOnMachinesCount: 1,
      isDomainAdmin: p.admin,
      isOnlyNetworkUser: p.type === "Network",
    };
  });
}

export function machineRoutes(env: ApiEnv): RouteDef[] {
  const source: CollectionSource<Device> = {
    name: "machines",
    size: () => env.tenant.machines.length,
    at: (i) => env.tenant.machines[i]!,
    version: () => env.tenant.machinesVersion,
  };
  return [
    // GET /api/machines (Machine.Read.All | Machine.ReadWrite.All); 404 when the tenant has no machines (get-machines)
    {
      method: "GET",
      template: "/api/machines",
      surface: "mde",
      family: "machines",
      permissions: READ,
      countable: true,
      handler: (ctx) => {
        if (env.tenant.machines.length === 0) throw new ApiError(404, "NotFound", "No machines were found.");
        env.actions.settle();
        return respondList(ctx, env, {
          source,
          rules: MACHINE_RULES,
          contextUrl: `${ctx.baseUrl}/api/$metadata#Machines`,
          serialize: machineJson,
          keyField: "id",
          timeField: "lastSeen",
          style: "mde",
        });
      },
    },
    // GET /api/machines/{id}: by machine id or computer name (get-machine-by-id)
    {
      method: "GET",
      template: "/api/machines/{id}",
      surface: "mde",
      family: "machines",
      permissions: READ,
      handler: (ctx) => {
        env.actions.settle();
        const m = machineOr404(env, ctx.params.id!);
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Machines/$entity`,
          ...machineJson(m),
        });
      },
    },
    // GET /api/machines/{id}/logonusers (User.Read.All)
    {
      method: "GET",
      template: "/api/machines/{id}/logonusers",
      surface: "mde",
      family: "machines",
      permissions: ["User.Read.All"],
      handler: (ctx) => {
        const m = machineOr404(env, ctx.params.id!);
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Users`,
          value: logonUsers(env, m),
        });
      },
    },
  ];
}

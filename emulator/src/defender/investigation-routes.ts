// Automated investigations: "List Investigations API", "Get Investigation API" and "Start Investigation API".
import type { ApiEnv } from "../api-env";
import { readJsonObject } from "../http/body";
import { ApiError, notFound } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import type { Device } from "../tenant/model";
import { INVESTIGATION_STATES, type Investigation } from "./investigation-store";
import { machineOr404 } from "./machine-routes";
import { requiredComment } from "./request-fields";

const READ = ["Alert.Read.All", "Alert.ReadWrite.All"];

/** Filterable properties per "List Investigations API". */
const INVESTIGATION_FIELDS: EntityFields<Investigation> = {
  entityName: "microsoft.windowsDefenderATP.api.PublicInvestigation",
  fields: {
    startTime: { type: "datetime", get: (i) => i.startMs, sortable: true },
    id: { type: "string", get: (i) => i.id },
    state: { type: "enum", get: (i) => i.state, enumValues: INVESTIGATION_STATES },
    machineId: { type: "string", get: (i) => i.machine.id },
    triggeringAlertId: { type: "string", get: (i) => i.alert?.id ?? null },
  },
};

const INVESTIGATION_RULES: ListRules<Investigation> = {
  entity: INVESTIGATION_FIELDS,
  maxTop: 10_000,
  defaultPageSize: 10_000,
  options: ["$filter", "$top", "$skip", "$orderby"],
};

/** AIR runs on Windows 10/11 and Windows Server 2019 and later ("Start Investigation API", Requirements for AIR). */
function airSupported(m: Device): boolean {
  if (m.family === "windows") return true;
  return m.family === "server" && !/2012|2016/.test(m.osPlatform);
}

export function investigationRoutes(env: ApiEnv): RouteDef[] {
  const store = env.investigations;
  const source: CollectionSource<Investigation> = {
    name: "investigations",
    size: () => store.all.length,
    at: (i) => store.all[i]!,
    version: () => store.version(),
  };
  const entity = (ctx: { baseUrl: string }, inv: Investigation) => ({
    "@odata.context": `${ctx.baseUrl}/api/$metadata#Investigations/$entity`,
    ...store.json(inv),
  });
  return [
    // GET /api/investigations (Alert.Read.All | Alert.ReadWrite.All)
    {
      method: "GET",
      template: "/api/investigations",
      surface: "mde",
      family: "investigations",
      permissions: READ,
      countable: true,
      handler: (ctx) => {
        store.settle();
        return respondList(ctx, env, {
          source,
          rules: INVESTIGATION_RULES,
          contextUrl: `${ctx.baseUrl}/api/$metadata#Investigations`,
          serialize: (i) => store.json(i),
          keyField: "id",
          timeField: "startTime",
          style: "mde",
        });
      },
    },
    // GET /api/investigations/{id}: the id may also be the triggering alert's id
    {
      method: "GET",
      template: "/api/investigations/{id}",
      surface: "mde",
      family: "investigations",
      permissions: READ,
      handler: (ctx) => {
        const inv = store.find(ctx.params.id!);
        if (!inv) throw notFound("Investigation", ctx.params.id!);
        return sendJson(ctx, 200, entity(ctx, inv));
      },
    },
    // POST /api/machines/{id}/startInvestigation (Alert.ReadWrite.All): 201 + Investigation, 50 calls per hour
    {
      method: "POST",
      template: "/api/machines/{id}/startInvestigation",
      surface: "mde",
      family: "investigations",
      permissions: ["Alert.ReadWrite.All"],
      quota: { perMinute: 50, perHour: 50 },
      handler: async (ctx) => {
        const body = await readJsonObject(ctx.req);
        const machine = machineOr404(env, ctx.params.id!);
        requiredComment(body);
        if (!airSupported(machine))
          throw new ApiError(
            400,
            "OsPlatformNotSupported",
            `OS Platform ${machine.osPlatform} isn't supported for this action.`,
          );
        return sendJson(ctx, 201, entity(ctx, store.start(machine)));
      },
    },
  ];
}

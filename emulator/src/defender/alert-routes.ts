// /api/alerts ("List alerts API", "Update alert", "Batch update alerts"): list with OData, get, PATCH, batchUpdate;
// /api/machines/{id}/alerts.
import { templateOf } from "../tenant/alert-content";
import type { ApiEnv } from "../api-env";
import { readJsonObject } from "../http/body";
import { ApiError, notFound } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendEmpty, sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { actorName } from "../identity/principal";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import { applyAlertChanges } from "../tenant/alert-updates";
import type { AlertRecord } from "../tenant/model";
import { parseAlertChanges } from "./alert-patch";
import { alertJson } from "./alert-json";

const READ = ["Alert.Read.All", "Alert.ReadWrite.All"];
const WRITE = ["Alert.ReadWrite.All"];

/** Filterable properties per "List alerts API" (learn.microsoft.com/defender-endpoint/api/get-alerts). */
export const ALERT_FIELDS: EntityFields<AlertRecord> = {
  entityName: "microsoft.windowsDefenderATP.api.PublicAlertV2Dto",
  fields: {
    alertCreationTime: { type: "datetime", get: (a) => a.createdMs, sortable: true },
    lastUpdateTime: { type: "datetime", get: (a) => a.lastUpdateMs, sortable: true },
    lastEventTime: { type: "datetime", get: (a) => a.lastEventMs, sortable: true },
    incidentId: { type: "number", get: (a) => a.incidentId, sortable: true },
    investigationId: { type: "number", get: (a) => a.investigationId },
    id: { type: "string", get: (a) => a.id, sortable: true },
    assignedTo: { type: "string", get: (a) => a.assignedTo },
    detectionSource: { type: "string", get: (a) => templateOf(a).detectionSource },
    status: {
      type: "enum",
      get: (a) => a.status,
      enumValues: ["Unknown", "New", "InProgress", "Resolved"],
      sortable: true,
    },
    severity: {
      type: "enum",
      get: (a) => a.severity,
      enumValues: ["UnSpecified", "Informational", "Low", "Medium", "High"],
      sortable: true,
    },
    category: { type: "string", get: (a) => templateOf(a).category },
  },
};

/** Default page size when $top is absent: the documented page maximum (10,000), with a nextLink. */
const ALERT_RULES: ListRules<AlertRecord> = {
  entity: ALERT_FIELDS,
  maxTop: 10_000,
  defaultPageSize: 10_000,
  options: ["$filter", "$top", "$skip", "$orderby", "$expand"],
  expandable: ["evidence"],
};

export function alertSource(env: ApiEnv): CollectionSource<AlertRecord> {
  const t = env.tenant;
  return { name: "alerts", size: () => t.alerts.length, at: (i) => t.alerts[i]!, version: () => t.alertsVersion };
}

function findAlertOr404(env: ApiEnv, id: string): AlertRecord {
  const a = env.tenant.findAlert(id);
  if (!a) throw notFound("Alert", id);
  return a;
}

export function alertRoutes(env: ApiEnv): RouteDef[] {
  const family = "alerts";
  const list = (ctx: Parameters<RouteDef["handler"]>[0], source: CollectionSource<AlertRecord>) =>
    respondList(ctx, env, {
      source,
      rules: ALERT_RULES,
      contextUrl: `${ctx.baseUrl}/api/$metadata#Alerts`,
      serialize: (a, q) => alertJson(env.tenant, a, q.expand.has("evidence")),
      keyField: "id",
      timeField: "lastUpdateTime",
      style: "mde",
    });
  return [
    // GET /api/alerts (Alert.Read.All | Alert.ReadWrite.All)
    {
      method: "GET",
      template: "/api/alerts",
      surface: "mde",
      family,
      permissions: READ,
      countable: true,
      handler: (ctx) => list(ctx, alertSource(env)),
    },
    // GET /api/alerts/{id}: evidence included, like captured live responses
    {
      method: "GET",
      template: "/api/alerts/{id}",
      surface: "mde",
      family,
      permissions: READ,
      handler: (ctx) => {
        const a = findAlertOr404(env, ctx.params.id!);
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Alerts/$entity`,
          ...alertJson(env.tenant, a, true),
        });
      },
    },
    // PATCH /api/alerts/{id} (Alert.ReadWrite.All)
    {
      method: "PATCH",
      template: "/api/alerts/{id}",
      surface: "mde",
      family,
      permissions: WRITE,
      handler: async (ctx) => {
        const a = findAlertOr404(env, ctx.params.id!);
        const changes = parseAlertChanges(await readJsonObject(ctx.req));
        applyAlertChanges(env.tenant, a, changes, actorName(ctx.principal!), env.clock.now());
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Alerts/$entity`,
          ...alertJson(env.tenant, a, true),
        });
      },
    },
    // POST /api/alerts/batchUpdate (Alert.ReadWrite.All): 200, empty body ("Batch update alerts"); unknown ids skipped.
    {
      method: "POST",
      template: "/api/alerts/batchUpdate",
      surface: "mde",
      family: "alerts.batchUpdate",
      permissions: WRITE,
      handler: async (ctx) => {
        const body = await readJsonObject(ctx.req);
        const ids = body.alertIds;
        if (ids === undefined) throw new ApiError(400, "MissingRequiredParameter", "Parameter alertIds is missing.");
        if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i) => typeof i === "string")) {
          throw new ApiError(400, "InvalidInput", "Invalid input alertIds: expected a non-empty list of alert ids.");
        }
        const { alertIds: _ignored, ...rest } = body;
        const changes = parseAlertChanges(rest);
        const now = env.clock.now();
        const actor = actorName(ctx.principal!);
        for (const id of ids as string[]) {
          const a = env.tenant.findAlert(id);
          if (a) applyAlertChanges(env.tenant, a, changes, actor, now);
        }
        sendEmpty(ctx, 200);
      },
    },
    // GET /api/machines/{id}/alerts (permission not documented; Alert.Read.All/Alert.ReadWrite.All here)
    {
      method: "GET",
      template: "/api/machines/{id}/alerts",
      surface: "mde",
      family: "machines",
      permissions: READ,
      countable: true,
      handler: (ctx) => {
        const m = env.tenant.findMachine(ctx.params.id!);
        if (!m) throw notFound("Machine", ctx.params.id!);
        const t = env.tenant;
        return list(ctx, {
          name: `alerts:machine:${m.id}`,
          size: () => m.alertIdxs.length,
          at: (i) => t.alerts[m.alertIdxs[i]!]!,
          version: () => t.alertsVersion,
        });
      },
    },
  ];
}

// Defender XDR /api/incidents (defender-xdr/api-list-incidents, api-update-incidents): list (most recent first,
// $top ≤ 100), get, PATCH.
import type { ApiEnv } from "../api-env";
import { readJsonObject } from "../http/body";
import { ApiError } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { actorName } from "../identity/principal";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import { applyIncidentChanges, type IncidentChanges } from "../tenant/alert-updates";
import type { Incident } from "../tenant/model";
import { normalizeDetermination } from "./alert-patch";
import { incidentJson } from "./incident-json";

const READ = ["Incident.Read.All", "Incident.ReadWrite.All"];
const WRITE = ["Incident.ReadWrite.All"];

const INCIDENT_FIELDS: EntityFields<Incident> = {
  entityName: "microsoft.windowsDefenderATP.api.Incident",
  fields: {
    lastUpdateTime: { type: "datetime", get: (i) => i.lastUpdateMs, sortable: true },
    createdTime: { type: "datetime", get: (i) => i.createdMs, sortable: true },
    status: { type: "enum", get: (i) => i.status, enumValues: ["Active", "InProgress", "Resolved", "Redirected"] },
    assignedTo: { type: "string", get: (i) => i.assignedTo },
  },
};

const RULES: ListRules<Incident> = {
  entity: INCIDENT_FIELDS,
  maxTop: 100,
  defaultPageSize: 100,
  options: ["$filter", "$top", "$skip", "$orderby"],
};

function enumOf(key: string, v: unknown, allowed: string[]): string {
  const match = typeof v === "string" ? allowed.find((a) => a.toLowerCase() === v.toLowerCase()) : undefined;
  if (!match) throw new ApiError(400, "InvalidInput", `Invalid input ${key}: expected one of ${allowed.join(", ")}.`);
  return match;
}

/** PATCH body (defender-xdr/api-update-incidents): status, assignedTo, classification, determination, tags, comment. */
export function parseIncidentChanges(body: Record<string, unknown>, current: Incident): IncidentChanges {
  const allowed = ["status", "assignedTo", "classification", "determination", "tags", "comment"];
  for (const k of Object.keys(body))
    if (!allowed.includes(k))
      throw new ApiError(400, "InvalidRequestBody", `Invalid request body. Unknown property '${k}'.`);
  const c: IncidentChanges = {};
  if (body.status !== undefined) c.status = enumOf("status", body.status, ["Active", "InProgress", "Resolved"]);
  if (body.assignedTo !== undefined) {
    if (body.assignedTo !== null && typeof body.assignedTo !== "string")
      throw new ApiError(400, "InvalidInput", "Invalid input assignedTo.");
    c.assignedTo = body.assignedTo as string | null;
  }
  if (body.classification !== undefined)
    c.classification = enumOf("classification", body.classification, [
      "TruePositive",
      "InformationalExpectedActivity",
      "FalsePositive",
      "Unknown",
    ]);
  if (body.determination !== undefined) {
    // "determination only settable if classification = TruePositive" (defender-xdr/api-update-incidents).
    if ((c.classification ?? current.classification) !== "TruePositive") {
      throw new ApiError(
        400,
        "InvalidInput",
        "Invalid input determination: it can only be set when classification is TruePositive.",
      );
    }
    c.determination = normalizeDetermination(body.determination, { NotAvailable: "NotAvailable" });
  }
  if (body.tags !== undefined) {
    if (!Array.isArray(body.tags) || !body.tags.every((x) => typeof x === "string"))
      throw new ApiError(400, "InvalidInput", "Invalid input tags: expected a list of strings.");
    c.tags = body.tags as string[];
  }
  if (body.comment !== undefined) {
    if (typeof body.comment !== "string" || !body.comment.trim())
      throw new ApiError(400, "InvalidInput", "Invalid input comment.");
    c.comment = body.comment;
  }
  if (Object.keys(c).length === 0)
    throw new ApiError(400, "InvalidRequestBody", "Invalid request body. No updatable property was provided.");
  return c;
}

export function incidentSource(env: ApiEnv): CollectionSource<Incident> {
  const t = env.tenant;
  // Stored oldest first; served most recent first, as defender-xdr/api-list-incidents says.
  return {
    name: "incidents",
    size: () => t.incidents.length,
    at: (i) => t.incidents[t.incidents.length - 1 - i]!,
    version: () => t.incidentsVersion,
  };
}

export function incidentOr404(env: ApiEnv, id: string): Incident {
  const n = Number(id);
  const inc = Number.isInteger(n) ? env.tenant.incidentById.get(n) : undefined;
  if (!inc) throw new ApiError(404, "ResourceNotFound", `Incident ${id} was not found`);
  return inc;
}

export function incidentRoutes(env: ApiEnv): RouteDef[] {
  return [
    {
      method: "GET",
      template: "/api/incidents",
      surface: "mde",
      family: "incidents",
      permissions: READ,
      countable: true,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: incidentSource(env),
          rules: RULES,
          contextUrl: `${ctx.baseUrl}/api/$metadata#Incidents`,
          serialize: (i) => incidentJson(env.tenant, i),
          keyField: "incidentId",
          timeField: "lastUpdateTime",
          style: "mde",
        }),
    },
    {
      method: "GET",
      template: "/api/incidents/{id}",
      surface: "mde",
      family: "incidents",
      permissions: READ,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Incidents/$entity`,
          ...incidentJson(env.tenant, incidentOr404(env, ctx.params.id!)),
        }),
    },
    {
      method: "PATCH",
      template: "/api/incidents/{id}",
      surface: "mde",
      family: "incidents",
      permissions: WRITE,
      handler: async (ctx) => {
        const inc = incidentOr404(env, ctx.params.id!);
        const changes = parseIncidentChanges(await readJsonObject(ctx.req), inc);
        applyIncidentChanges(env.tenant, inc, changes, actorName(ctx.principal!), env.clock.now());
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Incidents/$entity`,
          ...incidentJson(env.tenant, inc),
        });
      },
    },
  ];
}

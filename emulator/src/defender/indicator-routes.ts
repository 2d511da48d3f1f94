// Custom indicators: "List Indicators API", "Submit or Update Indicator API", "Import Indicators API" (500 per
// call, 30 calls a minute), "Delete Indicator API" and "Batch Delete Indicators API" (500 ids, 30 calls a minute).
// Ti.ReadWrite sees and changes only the indicators its app created; Ti.ReadWrite.All all of them.
import type { ApiEnv } from "../api-env";
import { readJsonObject } from "../http/body";
import type { RequestContext } from "../http/context";
import { ApiError, notFound } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendEmpty, sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { actorName, type Principal } from "../identity/principal";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import { INDICATOR_ACTIONS, INDICATOR_SEVERITIES, INDICATOR_TYPES, parseIndicator } from "./indicator-rules";
import { type Author, type Indicator } from "./indicator-store";

const PERMISSIONS = ["Ti.ReadWrite", "Ti.ReadWrite.All"];
const MAX_BATCH = 500;

/** Filterable properties per "List Indicators API". */
const INDICATOR_FIELDS: EntityFields<Indicator> = {
  entityName: "microsoft.windowsDefenderATP.api.PublicIndicatorDto",
  fields: {
    application: { type: "string", get: (i) => i.application },
    createdByDisplayName: { type: "string", get: (i) => i.createdBy },
    expirationTime: { type: "datetime", get: (i) => i.expirationMs },
    generateAlert: { type: "boolean", get: (i) => i.generateAlert },
    title: { type: "string", get: (i) => i.title },
    rbacGroupNames: { type: "stringList", get: (i) => i.rbacGroupNames },
    rbacGroupIds: { type: "stringList", get: (i) => i.rbacGroupIds },
    indicatorValue: { type: "string", get: (i) => i.indicatorValue },
    indicatorType: { type: "enum", get: (i) => i.indicatorType, enumValues: INDICATOR_TYPES },
    creationTimeDateTimeUtc: { type: "datetime", get: (i) => i.createdMs, sortable: true },
    createdBy: { type: "string", get: (i) => i.createdBy },
    action: { type: "enum", get: (i) => i.action, enumValues: INDICATOR_ACTIONS },
    severity: { type: "enum", get: (i) => i.severity, enumValues: INDICATOR_SEVERITIES },
  },
};

const INDICATOR_RULES: ListRules<Indicator> = {
  entity: INDICATOR_FIELDS,
  maxTop: 10_000,
  defaultPageSize: 10_000,
  options: ["$filter", "$top", "$skip", "$orderby"],
};

/** App tokens with only Ti.ReadWrite are limited to their own indicators. */
function ownOnly(p: Principal): string | null {
  return p.kind === "app" && !p.roles.includes("Ti.ReadWrite.All") ? p.clientId : null;
}

function author(p: Principal): Author {
  return { name: actorName(p), clientId: p.clientId, kind: p.kind };
}

function idList(body: Record<string, unknown>): string[] {
  const ids = body.IndicatorIds;
  if (ids === undefined || ids === null)
    throw new ApiError(400, "MissingRequiredParameter", "Parameter IndicatorIds is missing.");
  if (!Array.isArray(ids) || ids.length === 0)
    throw new ApiError(400, "InvalidInput", "Invalid input IndicatorIds: expected a non-empty list of ids.");
  if (ids.length > MAX_BATCH)
    throw new ApiError(
      400,
      "MaximumBatchSizeExceeded",
      `Maximum batch size exceeded. Received: ${ids.length}, allowed: ${MAX_BATCH}.`,
    );
  return ids.map((id) => {
    const text = typeof id === "number" ? String(id) : id;
    if (typeof text !== "string" || !/^\d+$/.test(text))
      throw new ApiError(400, "InvalidInput", `Invalid input IndicatorIds: '${String(id)}' is not an indicator id.`);
    return text;
  });
}

export function indicatorRoutes(env: ApiEnv): RouteDef[] {
  const store = env.indicators;
  const visible = (ctx: RequestContext, id: string): Indicator => {
    const ind = store.get(id);
    const owner = ownOnly(ctx.principal!);
    if (!ind || (owner !== null && ind.createdByApp !== owner)) throw notFound("Indicator", id);
    return ind;
  };
  const common = { surface: "mde" as const, permissions: PERMISSIONS, throttle: "tenantTarget" as const };
  return [
    // GET /api/indicators (Ti.ReadWrite | Ti.ReadWrite.All)
    {
      ...common,
      method: "GET",
      template: "/api/indicators",
      family: "indicators",
      countable: true,
      handler: (ctx) => {
        const owner = ownOnly(ctx.principal!);
        const items = () => (owner === null ? store.all : store.all.filter((i) => i.createdByApp === owner));
        let snapshot: Indicator[] = [];
        let snapshotVersion = -1;
        const current = () => {
          if (snapshotVersion !== store.version()) {
            snapshot = items();
            snapshotVersion = store.version();
          }
          return snapshot;
        };
        const source: CollectionSource<Indicator> = {
          name: owner === null ? "indicators" : `indicators:${owner}`,
          size: () => current().length,
          at: (i) => current()[i]!,
          version: () => store.version(),
        };
        return respondList(ctx, env, {
          source,
          rules: INDICATOR_RULES,
          contextUrl: `${ctx.baseUrl}/api/$metadata#Indicators`,
          serialize: (i) => store.json(i),
          keyField: "id",
          timeField: "creationTimeDateTimeUtc",
          style: "mde",
        });
      },
    },
    // POST /api/indicators (Ti.ReadWrite | Ti.ReadWrite.All): submit or update → 200 + Indicator
    {
      ...common,
      method: "POST",
      template: "/api/indicators",
      family: "indicators",
      handler: async (ctx) => {
        const draft = parseIndicator(await readJsonObject(ctx.req), env.clock.now());
        const current = store.existing(draft);
        const owner = ownOnly(ctx.principal!);
        if (current && owner !== null && current.createdByApp !== owner)
          throw new ApiError(403, "Forbidden", `Indicator ${current.id} was created by another application.`);
        const ind = store.submit(draft, author(ctx.principal!));
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Indicators/$entity`,
          ...store.json(ind),
        });
      },
    },
    // POST /api/indicators/import (Ti.ReadWrite | Ti.ReadWrite.All): {"Indicators": [...]} up to 500 → per-row
    // results {id, indicator, isFailed, failureReason}; 30 calls per minute
    {
      ...common,
      method: "POST",
      template: "/api/indicators/import",
      family: "indicators.import",
      quota: { perMinute: 30, perHour: 1500 },
      handler: async (ctx) => {
        const body = await readJsonObject(ctx.req);
        const rows = body.Indicators;
        if (rows === undefined || rows === null)
          throw new ApiError(400, "MissingRequiredParameter", "Parameter Indicators is missing.");
        if (!Array.isArray(rows) || rows.length === 0)
          throw new ApiError(400, "InvalidInput", "Invalid input Indicators: expected a non-empty list of indicators.");
        if (rows.length > MAX_BATCH)
          throw new ApiError(
            400,
            "MaximumBatchSizeExceeded",
            `Maximum batch size exceeded. Received: ${rows.length}, allowed: ${MAX_BATCH}.`,
          );
        const owner = ownOnly(ctx.principal!);
        let active = store.activeCount();
        const value = rows.map((row) => {
          const indicator =
            typeof row === "object" &&
            row !== null &&
            typeof (row as Record<string, unknown>).indicatorValue === "string"
              ? ((row as Record<string, unknown>).indicatorValue as string)
              : null;
          try {
            const draft = parseIndicator(row, env.clock.now());
            const current = store.existing(draft);
            if (current && owner !== null && current.createdByApp !== owner)
              throw new ApiError(403, "Forbidden", `Indicator ${current.id} was created by another application.`);
            const ind = store.submit(draft, author(ctx.principal!), active);
            if (!current) active++;
            return { id: ind.id, indicator: ind.indicatorValue, isFailed: false, failureReason: null };
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            return { id: null, indicator, isFailed: true, failureReason: e.message };
          }
        });
        return sendJson(ctx, 200, { value });
      },
    },
    // DELETE /api/indicators/{id} (Ti.ReadWrite | Ti.ReadWrite.All): 204, 404 if not found
    {
      ...common,
      method: "DELETE",
      template: "/api/indicators/{id}",
      family: "indicators",
      handler: (ctx) => {
        store.delete([visible(ctx, ctx.params.id!).id]);
        sendEmpty(ctx, 204);
        return Promise.resolve();
      },
    },
    // POST /api/indicators/BatchDelete (Ti.ReadWrite | Ti.ReadWrite.All): {"IndicatorIds": [...]} up to 500 → 204;
    // 404 if any id is unknown, 403 if one is outside the caller's reach; nothing is deleted then. 30 calls a minute.
    {
      ...common,
      method: "POST",
      template: "/api/indicators/BatchDelete",
      family: "indicators.import",
      quota: { perMinute: 30, perHour: 1500 },
      handler: async (ctx) => {
        const ids = idList(await readJsonObject(ctx.req));
        const owner = ownOnly(ctx.principal!);
        for (const id of ids) if (!store.get(id)) throw notFound("Indicator", id);
        for (const id of ids) {
          if (owner !== null && store.get(id)!.createdByApp !== owner)
            throw new ApiError(403, "Forbidden", `The caller is not exposed to indicator ${id}.`);
        }
        store.delete(ids);
        sendEmpty(ctx, 204);
        return Promise.resolve();
      },
    },
  ];
}

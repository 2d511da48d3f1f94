// Custom detection rules: Graph `/security/rules/detectionRules` (beta "List detectionRules", "Create detectionRule",
// "Get detectionRule", "Update detectionRule", "Delete detectionRule"; the same paths under v1.0 without the
// deprecated members). Reads take CustomDetection.Read.All or .ReadWrite.All; writes CustomDetection.ReadWrite.All.
import type { ApiEnv } from "../api-env";
import { detectionRuleJson, type GraphVersion } from "../detections/rule-json";
import { RuleInputError } from "../detections/rule-body";
import type { DetectionRule } from "../detections/rule";
import type { DetectionRuleStore } from "../detections/rule-store";
import { readJsonObject } from "../http/body";
import type { RequestContext } from "../http/context";
import { ApiError } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendEmpty, sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { actorName } from "../identity/principal";
import type { CollectionSource, ListRules } from "../odata/collection";

const READ = ["CustomDetection.Read.All", "CustomDetection.ReadWrite.All"];
const WRITE = ["CustomDetection.ReadWrite.All"];

/** Page size is not documented; chosen here: 100 by default, $top ≤ 1000 (README). */
const RULES: ListRules<DetectionRule> = {
  entity: {
    entityName: "microsoft.graph.security.detectionRule",
    fields: {
      id: { type: "string", get: (r) => r.id },
      displayName: { type: "string", get: (r) => r.displayName },
      description: { type: "string", get: (r) => r.description ?? "" },
      status: { type: "string", get: (r) => r.status },
      createdBy: { type: "string", get: (r) => r.createdBy },
      lastModifiedBy: { type: "string", get: (r) => r.lastModifiedBy },
      createdDateTime: { type: "datetime", get: (r) => r.createdMs },
      lastModifiedDateTime: { type: "datetime", get: (r) => r.lastModifiedMs },
    },
  },
  maxTop: 1000,
  defaultPageSize: 100,
  options: ["$filter", "$top", "$skip", "$skiptoken", "$count"],
};

function inputError(e: unknown): never {
  if (e instanceof RuleInputError)
    throw new ApiError(e.status, e.status === 409 ? "graph:Conflict" : "graph:InvalidInput", e.message);
  throw e;
}

export function detectionRuleRoutes(env: ApiEnv, store: DetectionRuleStore): RouteDef[] {
  const source: CollectionSource<DetectionRule> = {
    name: "graph:detectionRules",
    size: () => store.rules.length,
    at: (i) => store.rules[i]!,
    version: () => store.version,
  };
  const ruleOr404 = (id: string) =>
    store.find(id) ??
    (() => {
      throw new ApiError(404, "NotFound", `Detection rule '${id}' was not found.`);
    })();
  const entity = (ctx: RequestContext, version: GraphVersion, rule: DetectionRule) => ({
    "@odata.context": `${ctx.baseUrl}/${version}/$metadata#security/rules/detectionRules/$entity`,
    ...detectionRuleJson(rule, version),
  });
  return (["beta", "v1.0"] as const).flatMap((version): RouteDef[] => {
    const base = `/${version}/security/rules/detectionRules`;
    const common = { surface: "graph", family: "graph.security" } as const;
    return [
      {
        ...common,
        method: "GET",
        template: base,
        permissions: READ,
        handler: (ctx) =>
          respondList(ctx, env, {
            source,
            rules: RULES,
            contextUrl: `${ctx.baseUrl}/${version}/$metadata#security/rules/detectionRules`,
            serialize: (r) => detectionRuleJson(r, version),
            keyField: "id",
            style: "graph",
          }),
      },
      {
        ...common,
        method: "GET",
        template: `${base}/{id}`,
        permissions: READ,
        handler: (ctx) => sendJson(ctx, 200, entity(ctx, version, ruleOr404(ctx.params.id!))),
      },
      {
        ...common,
        method: "POST",
        template: base,
        permissions: WRITE,
        handler: async (ctx) => {
          const body = await readJsonObject(ctx.req);
          let rule: DetectionRule;
          try {
            rule = store.create(body, actorName(ctx.principal!));
          } catch (e) {
            inputError(e);
          }
          return sendJson(ctx, 201, entity(ctx, version, rule), true, {
            Location: `https://graph.microsoft.com/${version}/security/rules/detectionRules/${encodeURIComponent(rule.id)}`,
          });
        },
      },
      {
        ...common,
        method: "PATCH",
        template: `${base}/{id}`,
        permissions: WRITE,
        handler: async (ctx) => {
          const rule = ruleOr404(ctx.params.id!);
          const body = await readJsonObject(ctx.req);
          try {
            store.update(rule, body, actorName(ctx.principal!));
          } catch (e) {
            inputError(e);
          }
          return sendJson(ctx, 200, entity(ctx, version, rule));
        },
      },
      {
        ...common,
        method: "DELETE",
        template: `${base}/{id}`,
        permissions: WRITE,
        handler: async (ctx) => {
          store.delete(ruleOr404(ctx.params.id!));
          sendEmpty(ctx, 204);
        },
      },
    ];
  });
}

// Response actions ("Isolate machine API" and its sibling pages) and /api/machineactions ("List MachineActions
// API"). Bodies are PascalCase and case-sensitive; `Comment` is required; success is 201 + MachineAction.
import type { ApiEnv } from "../api-env";
import { readJsonObject } from "../http/body";
import { ApiError, notFound } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { actorName } from "../identity/principal";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import type { OsFamily } from "../tenant/model";
import type { ActionType, MachineAction } from "./machine-action-store";
import { machineOr404 } from "./machine-routes";
import { requiredComment } from "./request-fields";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALL_ACTION_PERMISSIONS = [
  "Machine.CollectForensics",
  "Machine.Isolate",
  "Machine.RestrictExecution",
  "Machine.Scan",
  "Machine.Offboard",
  "Machine.StopAndQuarantine",
  "Machine.LiveResponse",
];

interface ActionSpec {
  path: string;
  type: ActionType;
  permission: string;
  families: OsFamily[];
  scope?: { key: "IsolationType" | "ScanType"; values: string[]; required: boolean; fallback: string | null };
}

const DESKTOP_AND_SERVER: OsFamily[] = ["windows", "server", "macos", "linux"];
const ACTIONS: ActionSpec[] = [
  {
    path: "isolate",
    type: "Isolate",
    permission: "Machine.Isolate",
    families: DESKTOP_AND_SERVER,
    scope: {
      key: "IsolationType",
      values: ["Full", "Selective", "UnManagedDevice"],
      required: false,
      fallback: "Full",
    },
  },
  { path: "unisolate", type: "Unisolate", permission: "Machine.Isolate", families: DESKTOP_AND_SERVER },
  {
    path: "runAntiVirusScan",
    type: "RunAntiVirusScan",
    permission: "Machine.Scan",
    families: DESKTOP_AND_SERVER,
    scope: { key: "ScanType", values: ["Quick", "Full"], required: true, fallback: null },
  },
  {
    path: "restrictCodeExecution",
    type: "RestrictCodeExecution",
    permission: "Machine.RestrictExecution",
    families: ["windows", "server"],
  },
  {
    path: "unrestrictCodeExecution",
    type: "UnrestrictCodeExecution",
    permission: "Machine.RestrictExecution",
    families: ["windows", "server"],
  },
  {
    path: "collectInvestigationPackage",
    type: "CollectInvestigationPackage",
    permission: "Machine.CollectForensics",
    families: DESKTOP_AND_SERVER,
  },
];

const ACTION_FIELDS: EntityFields<MachineAction> = {
  entityName: "microsoft.windowsDefenderATP.api.MachineAction",
  fields: {
    id: { type: "string", get: (a) => a.id },
    status: {
      type: "enum",
      get: (a) => a.status,
      enumValues: ["Pending", "InProgress", "Succeeded", "Failed", "TimeOut", "Cancelled"],
    },
    machineId: { type: "string", get: (a) => a.machine.id },
    type: { type: "string", get: (a) => a.type },
    requestor: { type: "string", get: (a) => a.requestor },
    creationDateTimeUtc: { type: "datetime", get: (a) => a.createdMs, sortable: true },
  },
};

const ACTION_RULES: ListRules<MachineAction> = {
  entity: ACTION_FIELDS,
  maxTop: 10_000,
  defaultPageSize: 10_000,
  options: ["$filter", "$top", "$skip", "$orderby"],
};

/** A machine action by id: a non-GUID id → 400 with the Edm.Guid message (as the real service answers), unknown → 404. */
export function findAction(env: ApiEnv, id: string): MachineAction {
  if (!GUID.test(id))
    throw new ApiError(
      400,
      "BadRequest",
      `The key value (${id}) from request is not valid. The key value should be format of type 'Edm.Guid'.`,
    );
  const a = env.actions.get(id);
  if (!a) throw notFound("MachineAction", id);
  return a;
}

export function machineActionRoutes(env: ApiEnv): RouteDef[] {
  const store = env.actions;
  const entity = (ctx: { baseUrl: string }, a: MachineAction) => ({
    "@odata.context": `${ctx.baseUrl}/api/$metadata#MachineActions/$entity`,
    ...store.json(a),
  });
  const actionOr404 = (id: string) => findAction(env, id);
  const routes: RouteDef[] = ACTIONS.map((spec) => ({
    // POST /api/machines/{id}/{action} ({permission})
    method: "POST",
    template: `/api/machines/{id}/${spec.path}`,
    surface: "mde",
    family: "machineactions",
    permissions: [spec.permission],
    handler: async (ctx) => {
      const body = await readJsonObject(ctx.req);
      const machine = machineOr404(env, ctx.params.id!);
      const comment = requiredComment(body);
      let scope: string | null = null;
      if (spec.scope) {
        const raw = body[spec.scope.key];
        if (raw === undefined || raw === null) {
          if (spec.scope.required)
            throw new ApiError(400, "MissingRequiredParameter", `Parameter ${spec.scope.key} is missing.`);
          scope = spec.scope.fallback;
        } else if (typeof raw !== "string" || !spec.scope.values.includes(raw)) {
          throw new ApiError(
            400,
            "InvalidInput",
            `Invalid input ${spec.scope.key}: expected one of ${spec.scope.values.join(", ")}.`,
          );
        } else scope = raw;
      }
      const selectiveUnsupported = spec.type === "Isolate" && scope === "Selective" && machine.family !== "windows";
      if (!spec.families.includes(machine.family) || selectiveUnsupported) {
        throw new ApiError(
          400,
          "OsPlatformNotSupported",
          `OS Platform ${machine.osPlatform} isn't supported for this action.`,
        );
      }
      const externalId = typeof body.ExternalID === "string" ? body.ExternalID : null;
      const action = store.create(machine, spec.type, scope, comment, actorName(ctx.principal!), externalId);
      return sendJson(ctx, 201, entity(ctx, action));
    },
  }));
  const source: CollectionSource<MachineAction> = {
    name: "machineactions",
    size: () => store.all.length,
    at: (i) => store.all[i]!,
    version: () => store.version(),
  };
  routes.push(
    // GET /api/machineactions (Machine.Read.All | Machine.ReadWrite.All)
    {
      method: "GET",
      template: "/api/machineactions",
      surface: "mde",
      family: "machineactions",
      permissions: ["Machine.Read.All", "Machine.ReadWrite.All"],
      countable: true,
      handler: (ctx) => {
        store.settle();
        return respondList(ctx, env, {
          source,
          rules: ACTION_RULES,
          contextUrl: `${ctx.baseUrl}/api/$metadata#MachineActions`,
          serialize: (a) => store.json(a),
          keyField: "id",
          timeField: "creationDateTimeUtc",
          style: "mde",
        });
      },
    },
    // GET /api/machineactions/{id}: non-GUID → 400 Edm.Guid message (as the real service answers), unknown → 404
    {
      method: "GET",
      template: "/api/machineactions/{id}",
      surface: "mde",
      family: "machineactions",
      permissions: ["Machine.Read.All", "Machine.ReadWrite.All"],
      handler: (ctx) => sendJson(ctx, 200, entity(ctx, actionOr404(ctx.params.id!))),
    },
    // POST /api/machineactions/{id}/cancel (any Machine.* action permission, cancel-machine-action) → 200 + action
    {
      method: "POST",
      template: "/api/machineactions/{id}/cancel",
      surface: "mde",
      family: "machineactions",
      permissions: ALL_ACTION_PERMISSIONS,
      handler: async (ctx) => {
        const body = await readJsonObject(ctx.req);
        const action = actionOr404(ctx.params.id!);
        store.cancel(action, actorName(ctx.principal!), requiredComment(body));
        return sendJson(ctx, 200, entity(ctx, action));
      },
    },
    // GET /api/machineactions/{id}/getPackageUri: 404 until the collection succeeded (get-package-sas-uri), 2/min
    {
      method: "GET",
      template: "/api/machineactions/{id}/getPackageUri",
      surface: "mde",
      family: "machineactions.packageUri",
      permissions: ["Machine.Read.All", "Machine.ReadWrite.All", "Machine.CollectForensics"],
      handler: (ctx) => {
        const a = actionOr404(ctx.params.id!);
        if (a.type !== "CollectInvestigationPackage" || a.status !== "Succeeded")
          throw notFound("Investigation package for action", a.id);
        // The value is a JSON-quoted string inside the string (get-package-sas-uri).
        const url = `${ctx.baseUrl}/_emulator/packages/${a.id}.zip?token=emulated`;
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Edm.String`,
          value: JSON.stringify(url),
        });
      },
    },
  );
  return routes;
}

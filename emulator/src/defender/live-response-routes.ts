// Live response through the API ("Run live response commands on a device", "Get live response results"):
// POST runliveresponse → a LiveResponse machine action (201, every command Created), then one download link per
// command result. Refusals as documented: another session on the device → 400 ActiveRequestAlreadyExists; more
// than 25 sessions → 429; more than 10 calls a minute → 429; a device group without an automation level →
// DisallowedOperation. An offline device's session is queued for up to three days.
import type { ApiEnv } from "../api-env";
import { readJsonObject } from "../http/body";
import { ApiError, notFound } from "../http/errors";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { actorName } from "../identity/principal";
import { hasAutomation } from "../tenant/automation-levels";
import { MAX_LIVE_SESSIONS } from "./machine-action-store";
import { findAction } from "./machine-action-routes";
import { machineOr404 } from "./machine-routes";
import { parseCommands, planSession } from "./live-response-session";

const LINK_OPERATION = /^GetLiveResponseResultDownloadLink\(index=(\d+)\)$/i;

export function liveResponseRoutes(env: ApiEnv): RouteDef[] {
  const store = env.actions;
  return [
    // POST /api/machines/{id}/runliveresponse (Machine.LiveResponse): 201 + MachineAction, 10 calls per minute
    {
      method: "POST",
      template: "/api/machines/{id}/runliveresponse",
      surface: "mde",
      family: "machineactions",
      permissions: ["Machine.LiveResponse"],
      quota: { perMinute: 10, perHour: 600 },
      handler: async (ctx) => {
        const body = await readJsonObject(ctx.req);
        const machine = machineOr404(env, ctx.params.id!);
        if (machine.family === "ios" || machine.family === "android")
          throw new ApiError(
            400,
            "OsPlatformNotSupported",
            `OS Platform ${machine.osPlatform} isn't supported for this action.`,
          );
        if (!hasAutomation(machine.group))
          // The wording reported in MicrosoftDocs/microsoft-365-docs issue #6054; 403 per the common-errors table.
          throw new ApiError(
            403,
            "DisallowedOperation",
            "This device has no automation level assigned to it. You'll need to at least enable the minimum Remediation Level for a given Device Group.",
          );
        const drafts = parseCommands(body);
        if (body.Comment !== undefined && body.Comment !== null && typeof body.Comment !== "string")
          throw new ApiError(400, "InvalidInput", "Invalid input Comment: expected a string.");
        const comment = typeof body.Comment === "string" ? body.Comment : "";
        const action = store.create(machine, "LiveResponse", null, comment, actorName(ctx.principal!), null, {
          live: (forced) => planSession(drafts, machine, env.library, forced),
          offline: machine.healthStatus !== "Active",
          maxConcurrent: MAX_LIVE_SESSIONS,
        });
        return sendJson(ctx, 201, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#MachineActions/$entity`,
          ...store.json(action),
        });
      },
    },
    // GET /api/machineactions/{id}/GetLiveResponseResultDownloadLink(index={n}) (application Machine.Read.All or
    // Machine.ReadWrite.All; delegated Machine.LiveResponse): a link valid for 30 minutes
    {
      method: "GET",
      template: "/api/machineactions/{id}/{operation}",
      surface: "mde",
      family: "machineactions",
      permissions: ["Machine.Read.All", "Machine.ReadWrite.All", "Machine.LiveResponse"],
      handler: (ctx) => {
        const op = LINK_OPERATION.exec(ctx.params.operation!);
        if (!op)
          throw new ApiError(
            404,
            "NotFound",
            `No HTTP resource was found that matches the request URI '${ctx.url.pathname}'.`,
          );
        const p = ctx.principal!;
        if (p.kind === "app" && !p.roles.some((r) => r === "Machine.Read.All" || r === "Machine.ReadWrite.All"))
          throw new ApiError(
            403,
            "Forbidden",
            "The application does not have any of the required application permissions (Machine.Read.All, Machine.ReadWrite.All) to access the resource.",
          );
        const action = findAction(env, ctx.params.id!);
        const index = Number(op[1]);
        const command = action.live?.commands[index];
        if (!command) throw notFound(`Command ${index} of machine action`, action.id);
        if (command.status !== "Completed" || !command.result)
          throw notFound(`Result of command ${index} of machine action`, action.id);
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#Edm.String`,
          value: env.liveResults.issue(ctx.baseUrl, command),
        });
      },
    },
  ];
}

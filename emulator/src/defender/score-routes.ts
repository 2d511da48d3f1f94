// /api/exposureScore, /api/exposureScore/ByMachineGroups, /api/configurationScore ("Get exposure score",
// get-machine-group-exposure-score, "Get device secure score").
// Values follow the emulated clock (see tenant/scores.ts); `time` is the emulated now.
import type { ApiEnv } from "../api-env";
import { isoTime } from "../clock";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { configurationScore, exposureScore } from "../tenant/scores";

const PERMS = ["Score.Read.All"];

export function groupScores(
  env: ApiEnv,
  nowMs: number,
): { id: number; name: string; score: number; machines: number }[] {
  const counts = new Map<number, number>();
  for (const m of env.tenant.machines) counts.set(m.group.id, (counts.get(m.group.id) ?? 0) + 1);
  return env.tenant.groups
    .filter((g) => counts.has(g.id))
    .map((g) => ({
      id: g.id,
      name: g.name,
      // Servers carry more exposure than end-user groups.
      score: exposureScore(
        env.tenant.seed,
        nowMs,
        g.id,
        g.prefix === "srv" ? 12 : g.prefix === "dev" ? 8 : g.prefix === "mob" ? -8 : 0,
      ),
      machines: counts.get(g.id)!,
    }));
}

export function scoreRoutes(env: ApiEnv): RouteDef[] {
  return [
    {
      method: "GET",
      template: "/api/exposureScore",
      surface: "mde",
      family: "scores",
      permissions: PERMS,
      handler: (ctx) => {
        const now = env.clock.now();
        const groups = groupScores(env, now);
        const total = groups.reduce((s, g) => s + g.machines, 0);
        const score = total === 0 ? 0 : groups.reduce((s, g) => s + g.score * g.machines, 0) / total;
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#ExposureScore/$entity`,
          time: isoTime(now),
          score,
        });
      },
    },
    {
      method: "GET",
      template: "/api/exposureScore/ByMachineGroups",
      surface: "mde",
      family: "scores",
      permissions: PERMS,
      handler: (ctx) => {
        const now = env.clock.now();
        const value = groupScores(env, now).map((g) => ({
          time: isoTime(now),
          score: g.score,
          rbacGroupName: g.name,
          rbacGroupId: String(g.id),
        }));
        return sendJson(ctx, 200, { "@odata.context": `${ctx.baseUrl}/api/$metadata#ExposureScore`, value });
      },
    },
    {
      method: "GET",
      template: "/api/configurationScore",
      surface: "mde",
      family: "scores",
      permissions: PERMS,
      handler: (ctx) => {
        const now = env.clock.now();
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#ConfigurationScore/$entity`,
          time: isoTime(now),
          score: configurationScore(env.tenant.seed, now),
        });
      },
    },
  ];
}

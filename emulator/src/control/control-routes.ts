// The test harness surface under /_emulator/ (no token; loopback only): faults, clock, stats,
// live mode, and the containment state the real Machine entity does not expose.
import type { ApiEnv } from "../api-env";
import { isoTime } from "../clock";
import type { RequestContext } from "../http/context";
import { readText } from "../http/body";
import { sendBody, PLAIN_JSON } from "../http/respond";
import { parseFaultSpec, type Faults } from "../faults";
import type { LiveActivity } from "../live";
import type { RateLimiter } from "../rate-limit";
import type { Stats } from "../stats";

export interface ControlDeps {
  env: ApiEnv;
  faults: Faults;
  stats: Stats;
  limiter: RateLimiter;
  live: LiveActivity;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function reply(ctx: RequestContext, status: number, value: unknown): Promise<void> {
  return sendBody(ctx, status, JSON.stringify(value), PLAIN_JSON);
}

function fail(ctx: RequestContext, status: number, message: string): Promise<void> {
  return reply(ctx, status, { error: { code: status === 404 ? "NotFound" : "BadRequest", message } });
}

async function jsonBody(ctx: RequestContext): Promise<Record<string, unknown>> {
  const text = (await readText(ctx.req)).trim();
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("body must be a JSON object");
  return value as Record<string, unknown>;
}

function clockState(env: ApiEnv) {
  return { now: isoTime(env.clock.now()), offsetMs: env.clock.offset() };
}

export async function handleControl(ctx: RequestContext, deps: ControlDeps): Promise<void> {
  if (!LOOPBACK.has(ctx.req.socket.remoteAddress ?? ""))
    return fail(ctx, 403, "Control endpoints are served on loopback only.");
  const { env, faults, stats, limiter, live } = deps;
  const route = `${ctx.method} ${ctx.path.replace(/\/+$/, "")}`;
  let body: Record<string, unknown> = {};
  if (ctx.method === "POST") {
    try {
      body = await jsonBody(ctx);
    } catch (e) {
      return fail(ctx, 400, `Invalid JSON body: ${(e as Error).message}`);
    }
  }
  switch (route) {
    case "GET /_emulator/health":
      return reply(ctx, 200, {
        ok: true,
        tenantId: env.tenant.tenantId,
        machines: env.tenant.machines.length,
        alerts: env.tenant.alerts.length,
      });
    case "GET /_emulator/stats":
      return reply(ctx, 200, stats.snapshot());
    case "POST /_emulator/stats/reset":
      stats.reset();
      return reply(ctx, 200, stats.snapshot());
    case "GET /_emulator/faults":
      return reply(ctx, 200, faults.spec);
    case "POST /_emulator/faults":
      try {
        faults.set(parseFaultSpec(body));
      } catch (e) {
        return fail(ctx, 400, (e as Error).message);
      }
      // A new fault profile starts with empty rate-limit windows.
      limiter.reset();
      return reply(ctx, 200, faults.spec);
    case "GET /_emulator/clock":
      return reply(ctx, 200, clockState(env));
    case "POST /_emulator/clock": {
      if (typeof body.now === "string") {
        const ms = Date.parse(body.now);
        if (Number.isNaN(ms)) return fail(ctx, 400, "'now' must be an ISO date-time");
        env.clock.setNow(ms);
      } else if (typeof body.offsetMs === "number" && Number.isFinite(body.offsetMs)) {
        env.clock.setOffset(body.offsetMs);
      } else if (Object.keys(body).length === 0) {
        env.clock.reset();
      } else {
        return fail(ctx, 400, 'Send {"now":"ISO"}, {"offsetMs":N} or {} to reset.');
      }
      return reply(ctx, 200, clockState(env));
    }
    case "POST /_emulator/live/tick":
      return reply(ctx, 200, live.tick());
    case "POST /_emulator/live": {
      if (body.enabled === false) live.stop();
      else live.start(typeof body.intervalMs === "number" && body.intervalMs >= 100 ? body.intervalMs : 5000);
      return reply(ctx, 200, { running: live.running });
    }
  }
  const machineState = /^GET \/_emulator\/machines\/([^/]+)$/.exec(route);
  if (machineState) {
    env.actions.settle();
    const m = env.tenant.findMachine(decodeURIComponent(machineState[1]!));
    if (!m) return fail(ctx, 404, "Machine not found");
    return reply(ctx, 200, {
      id: m.id,
      computerDnsName: m.dnsName,
      isolationState: m.isolation ? "Isolated" : "NotIsolated",
      isolationType: m.isolation,
      codeExecutionRestricted: m.codeRestricted,
      riskScore: m.riskScore,
    });
  }
  if (/^GET \/_emulator\/packages\/[^/]+\.zip$/.test(route)) {
    // An empty ZIP archive (end-of-central-directory record only).
    const zip = Buffer.alloc(22);
    zip.writeUInt32LE(0x06054b50, 0);
    ctx.res.writeHead(200, { "Content-Type": "application/zip", "Content-Length": String(zip.length) });
    ctx.res.end(zip);
    return;
  }
  const result = /^GET \/_emulator\/liveresponse\/results\/([\w-]+)$/.exec(route);
  if (result) return serveLiveResult(ctx, env, result[1]!);
  return fail(ctx, 404, `Unknown control endpoint ${route}`);
}

/** A live response result behind a download link ("Get live response results"). An expired link answers like an
 *  expired Azure Storage SAS: 403 AuthenticationFailed in XML. */
function serveLiveResult(ctx: RequestContext, env: ApiEnv, token: string): void {
  const found = env.liveResults.resolve(token);
  const { res } = ctx;
  if (found === undefined || found === "expired") {
    const message =
      found === "expired"
        ? "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nSigned expiry time has to be after signed start time."
        : "The specified resource does not exist.";
    const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${found === "expired" ? "AuthenticationFailed" : "ResourceNotFound"}</Code><Message>${message}</Message></Error>`;
    res.writeHead(found === "expired" ? 403 : 404, {
      "Content-Type": "application/xml",
      "Content-Length": String(Buffer.byteLength(xml)),
    });
    res.end(xml);
    return;
  }
  const file = found.result!;
  res.writeHead(200, {
    "Content-Type": file.contentType,
    "Content-Length": String(file.body.length),
    "Content-Disposition": `attachment; filename="${file.fileName.replace(/"/g, "")}"`,
  });
  res.end(file.body);
}

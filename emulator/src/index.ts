// startEmulator(): the simulated tenant (Entra ID + Defender for Endpoint API + Microsoft Graph)
// on one HTTPS server bound to loopback.
import { createServer, type Server } from "node:https";
import path from "node:path";
import type { ApiEnv } from "./api-env";
import { EmulatedClock, HOUR_MS } from "./clock";
import { handleControl } from "./control/control-routes";
import { alertRoutes } from "./defender/alert-routes";
import { huntingRoutes } from "./defender/hunting-routes";
import { incidentRoutes } from "./defender/incident-routes";
import { indicatorRoutes } from "./defender/indicator-routes";
import { IndicatorStore } from "./defender/indicator-store";
import { investigationRoutes } from "./defender/investigation-routes";
import { InvestigationStore } from "./defender/investigation-store";
import { libraryRoutes } from "./defender/library-routes";
import { LibraryStore } from "./defender/library-store";
import { liveResponseRoutes } from "./defender/live-response-routes";
import { LiveResultLinks } from "./defender/live-result-links";
import { machineActionRoutes } from "./defender/machine-action-routes";
import { MachineActionStore } from "./defender/machine-action-store";
import { machineRoutes } from "./defender/machine-routes";
import { scoreRoutes } from "./defender/score-routes";
import { tvmRoutes } from "./defender/tvm-routes";
import { Faults, parseFaultSpec, type FaultSpec } from "./faults";
import { DetectionRuleStore } from "./detections/rule-store";
import { detectionRuleRoutes } from "./graph/detection-rule-routes";
import { avHealthRoutes } from "./defender/av-health-routes";
import { graphRoutes } from "./graph/graph-routes";
import { postureGraphRoutes } from "./graph/posture-routes";
import { prepareTls } from "./http/certificates";
import { Router } from "./http/router";
import { createRequestHandler } from "./http/server";
import { createDirectory, type ExtraApp } from "./identity/directory";
import { IdentityRoutes } from "./identity/identity-routes";
import { createSigningKey } from "./identity/jwt";
import { TokenIssuer } from "./identity/token-issuer";
import { LiveActivity } from "./live";
import { SelectionCache } from "./odata/collection";
import { RateLimiter } from "./rate-limit";
import { Stats } from "./stats";
import { HuntingData } from "./hunting/tables/source";
import { generateTenant } from "./tenant/generate";
import type { Plan } from "./tenant/posture/model";
import type { Tenant } from "./tenant/tenant";

export type { FaultSpec } from "./faults";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: number | string;
  devices?: number;
  alerts?: number;
  vulnsPerDevice?: number;
  live?: boolean | { intervalMs: number };
  faults?: FaultSpec;
  actionDelaysMs?: { toInProgress: number; toFinal: number };
  /** Where the CA is written (default `.emulator/` under the working directory). */
  dataDir?: string;
  quiet?: boolean;
  /** Access/ID token lifetime; short values let tests see expiry (default 3599 s). */
  tokenLifetimeSec?: number;
  /** Extra registered apps, e.g. with a narrow permission set for 403 tests. */
  extraApps?: ExtraApp[];
  /** Exact redirect URIs for the auth-code flow; default: any https or loopback http URI. */
  redirectUris?: string[];
  /** Anchor of generated timestamps (epoch ms or ISO). Default: start time floored to the hour. */
  epoch?: number | string;
  /** Custom indicators the tenant starts with (default 24); near 15,000 to test the cap. */
  indicators?: number;
  /** Defender for Endpoint plan of the tenant (licences, and Plan 2 APIs refusing a Plan 1 tenant). Default p2. */
  plan?: Plan;
}

export interface ReadyInfo {
  ready: true;
  baseUrl: string;
  authorityHost: string;
  tenantId: string;
  defenderUrl: string;
  graphUrl: string;
  caCertPath: string;
  clientId: string;
  clientSecret: string;
  users: { username: string; password: string; roles: string[] }[];
  /** A second app with read permissions only (403 tests). */
  readOnlyClient: { clientId: string; clientSecret: string };
}

export interface Emulator extends ReadyInfo {
  port: number;
  caCertPem: string;
  tenant: Tenant;
  close(): Promise<void>;
}

export const DEFAULT_SIZE = { devices: 60, alerts: 300, vulnsPerDevice: 15 };

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = options.quiet ? () => {} : (msg: string) => process.stderr.write(`[emulator] ${msg}\n`);
  const seed = String(options.seed ?? "contoso");
  const directory = createDirectory(seed, options.extraApps ?? [], options.redirectUris ?? null);
  const tls = prepareTls(options.dataDir ?? path.resolve(process.cwd(), ".emulator"));
  const signingKey = createSigningKey();
  const anchorMs =
    options.epoch !== undefined
      ? typeof options.epoch === "number"
        ? options.epoch
        : Date.parse(options.epoch)
      : Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  if (Number.isNaN(anchorMs)) throw new Error("epoch must be epoch milliseconds or an ISO date-time");
  const t0 = Date.now();
  const tenant = generateTenant(
    seed,
    directory.tenantId,
    anchorMs,
    {
      devices: options.devices ?? DEFAULT_SIZE.devices,
      alerts: options.alerts ?? DEFAULT_SIZE.alerts,
      vulnsPerDevice: options.vulnsPerDevice ?? DEFAULT_SIZE.vulnsPerDevice,
    },
    options.plan ?? "p2",
  );
  log(
    `generated ${tenant.machines.length} machines, ${tenant.managedDevices.length} Intune devices, ${tenant.alerts.length} alerts, ${tenant.incidents.length} incidents, ${tenant.rows.rowVuln.length} device-vulnerability rows in ${Date.now() - t0} ms`,
  );

  const clock = new EmulatedClock();
  const faults = new Faults(seed);
  if (options.faults) faults.set(parseFaultSpec(options.faults));
  const actionDelays = options.actionDelaysMs ?? { toInProgress: 2000, toFinal: 3000 };
  const actions = new MachineActionStore(tenant, clock, actionDelays, faults);
  const investigations = new InvestigationStore(tenant, clock, actionDelays);
  let hunting: HuntingData | null = null;
  const env: ApiEnv = {
    tenant,
    clock,
    faults,
    actions,
    investigations,
    library: new LibraryStore(anchorMs, clock),
    liveResults: new LiveResultLinks(clock),
    indicators: new IndicatorStore(seed, anchorMs, tenant.groups, clock, options.indicators ?? 24),
    cache: new SelectionCache(),
    huntingData: () => (hunting ??= new HuntingData(tenant)),
  };
  const detections = new DetectionRuleStore(env);
  const router = new Router();
  for (const r of [
    ...alertRoutes(env),
    ...machineRoutes(env),
    ...machineActionRoutes(env),
    ...tvmRoutes(env),
    ...scoreRoutes(env),
    ...incidentRoutes(env),
    ...huntingRoutes(env),
    ...investigationRoutes(env),
    ...liveResponseRoutes(env),
    ...libraryRoutes(env),
    ...indicatorRoutes(env),
    ...graphRoutes(env),
    ...detectionRuleRoutes(env, detections),
    ...avHealthRoutes(env),
    ...postureGraphRoutes(env),
  ])
    // Pending approvals expire and custom detection rules run on the emulated clock: every API call first settles
    // both, so a test that moves the clock sees the outcome on its next read (investigations' states, alerts'
    // investigationState, the rules' alerts). A timer runs due rules while nobody calls.
    router.add({
      ...r,
      handler: (ctx) => {
        investigations.settle();
        detections.runDue();
        return r.handler(ctx);
      },
    });
  const detectionTimer = setInterval(() => detections.runDue(), 15_000);
  detectionTimer.unref();
  const stats = new Stats();
  const limiter = new RateLimiter();
  const live = new LiveActivity(env, seed, log);

  let baseUrl = "";
  let issuer: TokenIssuer | null = null;
  let identity: IdentityRoutes | null = null;
  const handler = createRequestHandler({
    baseUrl: () => baseUrl,
    router,
    identity: () => identity!,
    issuer: () => issuer!,
    faults,
    limiter,
    stats,
    log,
    control: (ctx) => handleControl(ctx, { env, faults, stats, limiter, live }),
    plan: tenant.posture.plan,
  });
  const servers: Server[] = [];
  const listen = (server: Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  const make = () => {
    const s = createServer(
      { key: tls.serverKeyPem, cert: tls.serverCertPem, keepAliveTimeout: 65_000 },
      (req, res) => void handler(req, res),
    );
    s.requestTimeout = 0;
    servers.push(s);
    return s;
  };
  const port = await listen(make(), options.port ?? 0, "127.0.0.1");
  // `localhost` may resolve to ::1 first; serve it too when the host has IPv6 loopback.
  try {
    await listen(make(), port, "::1");
  } catch {
    servers.pop()?.close();
  }
  baseUrl = `https://localhost:${port}`;
  issuer = new TokenIssuer(directory, signingKey, {
    authorityHost: baseUrl,
    tokenLifetimeSec: options.tokenLifetimeSec ?? 3599,
  });
  identity = new IdentityRoutes(directory, issuer, baseUrl);
  if (options.live) live.start(typeof options.live === "object" ? options.live.intervalMs : 5000);

  const ready: ReadyInfo = {
    ready: true,
    baseUrl,
    authorityHost: baseUrl,
    tenantId: directory.tenantId,
    defenderUrl: baseUrl,
    graphUrl: baseUrl,
    caCertPath: tls.caCertPath,
    clientId: directory.consoleApp.clientId,
    clientSecret: directory.consoleApp.clientSecret,
    users: directory.users.map((u) => ({ username: u.username, password: u.password, roles: u.roles })),
    readOnlyClient: { clientId: directory.readOnlyApp.clientId, clientSecret: directory.readOnlyApp.clientSecret },
  };
  return {
    ...ready,
    port,
    caCertPem: tls.caCertPem,
    tenant,
    close: async () => {
      live.stop();
      clearInterval(detectionTimer);
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}

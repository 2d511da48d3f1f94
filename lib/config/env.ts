import { z } from "zod";

// The only module that reads process.env. Everything else asks getConfig(), so a bad value fails once, at
// start-up, with one line naming the variable.

const optionalUrl = z
  .string()
  .trim()
  .url()
  .optional()
  .or(z.literal("").transform(() => undefined));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgresql://… for PostgreSQL; unset → embedded PGlite in PGLITE_DIR. */
  DATABASE_URL: optionalUrl.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: "must start with postgresql://",
  }),
  PGLITE_DIR: z.string().trim().min(1).default("./data/pglite"),
  MDE_API_URL: z.string().trim().url().default("https://api.securitycenter.microsoft.com"),
  /** Defender XDR API (incidents); the MDE API host serves machines, alerts and TVM. */
  XDR_API_URL: z.string().trim().url().default("https://api.security.microsoft.com"),
  GRAPH_API_URL: z.string().trim().url().default("https://graph.microsoft.com"),
  ENTRA_AUTHORITY_HOST: z.string().trim().url().default("https://login.microsoftonline.com"),
  ENTRA_TENANT_ID: z.string().trim().min(1).optional(),
  ENTRA_CLIENT_ID: z.string().trim().min(1).optional(),
  ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  /** The console's public URL (redirect URI and CSRF origin). Unset → the request's own origin. */
  CONSOLE_URL: optionalUrl,
  /** JSON map of Entra group object id → console role, for tenants that assign roles through groups. */
  ENTRA_GROUP_ROLES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return {} as Record<string, string>;
      try {
        const parsed = z.record(z.string(), z.string()).parse(JSON.parse(v));
        return parsed;
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be JSON like {"<group-id>":"Analyst"}' });
        return z.NEVER;
      }
    }),
  /** Absolute session lifetime; at most 12 hours (OWASP ASVS 3.3), so a role removed in Entra ID ends within a shift. */
  SESSION_TTL_HOURS: z.coerce.number().positive().max(12).default(8),
  /** A session unused this long ends (idle timeout). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(12 * 60)
    .default(30),
  /**
   * How many reverse proxies in front of the console append to X-Forwarded-For (0: none, the TCP peer is the
   * caller). The client's address is taken that many hops from the right; anything left of it is the client's claim.
   */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Mutating API calls allowed per user or token per minute (429 + Retry-After beyond). */
  RATE_LIMIT_MUTATIONS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Seconds between scheduled syncs inside the console server; 0 turns the scheduler off. */
  SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Incremental pulls re-read this many minutes before the watermark, for records Defender indexes late. */
  SYNC_OVERLAP_MINUTES: z.coerce.number().int().min(0).default(10),
  /** Vulnerability management data (no change field in the API) is pulled whole this often. */
  SYNC_TVM_REFRESH_MINUTES: z.coerce.number().int().min(1).default(240),
  /** Devices are pulled whole this often, to flag devices a side stopped listing. */
  SYNC_FULL_RESYNC_HOURS: z.coerce.number().int().min(1).default(24),
  /** Caps every list page below the API's maximum (tenants whose large pages time out; tests of paging). */
  SYNC_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).optional(),
  /** Secure Score for Devices arrives as points with no maximum in the API: the tenant's maximum, as the portal shows it. */
  SECURE_SCORE_MAX_POINTS: z.coerce.number().positive().default(1000),
  /** Exposure and secure score are read at most this often. */
  SYNC_SCORES_REFRESH_MINUTES: z.coerce.number().int().min(1).default(60),
  /** SMTP server that sends notification e-mail (nodemailer). Unset → e-mail channels report "not configured". */
  SMTP_HOST: z.string().trim().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
  /** "tls": implicit TLS (port 465); "starttls": upgrade required; "none": plain (local catchers only). */
  SMTP_SECURITY: z.enum(["tls", "starttls", "none"]).default("starttls"),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().trim().min(3).default("SOC console <soc-console@localhost>"),
  /**
   * Webhook and Teams URLs that resolve to loopback, private, link-local or cloud metadata addresses are refused
   * (server-side request forgery) unless this is true: the demo and the tests, whose receivers run locally.
   */
  NOTIFY_ALLOW_PRIVATE_TARGETS: z
    .enum(["true", "false", "1", "0", ""])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** The demo's notification sink (set by `npm run demo`): the settings page links to it. */
  NOTIFY_SINK_URL: optionalUrl,
  /** How often the notification worker looks for work, in milliseconds; 0 turns it off in this process. */
  NOTIFY_POLL_MS: z.coerce.number().int().min(0).default(1000),
  /** Shown in the header banner; set by `npm run demo`. */
  CONSOLE_MODE: z.enum(["demo", "production"]).default("production"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Set by Next.js: "nodejs" in the server process that runs the scheduler. */
  NEXT_RUNTIME: z.string().optional(),
});

export type Config = z.infer<typeof EnvSchema> & { database: DatabaseTarget };

export type DatabaseTarget = { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    // Never echo the value: it may be a secret.
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}`);
  }
  const cfg = parsed.data;
  const database: DatabaseTarget = cfg.DATABASE_URL
    ? { kind: "postgresql", url: cfg.DATABASE_URL }
    : { kind: "pglite", dataDir: cfg.PGLITE_DIR };
  return { ...cfg, database };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** The Entra tenant the console serves; every cached row, budget and lease is keyed by it. */
export function currentTenantId(cfg: Config = getConfig()): string {
  return cfg.ENTRA_TENANT_ID ?? "unconfigured";
}

/** True when the console has credentials for a tenant (real or simulated). */
export function hasTenant(cfg: Config = getConfig()): boolean {
  return Boolean(cfg.ENTRA_TENANT_ID && cfg.ENTRA_CLIENT_ID && cfg.ENTRA_CLIENT_SECRET);
}

/** Test/scripting helper: values such as DATABASE_URL_TEST live here too, so no other module reads process.env. */
export function readTestEnv(): {
  databaseUrlTest?: string;
  chromiumPath: string;
  ci: boolean;
  e2ePort: number;
  e2eEmulatorPort: number;
  /** Route fuzzing: hostile draws per input place (1 in `npm test`), and the seed they come from. */
  fuzzRuns: number;
  fuzzSeed: number;
} {
  return {
    databaseUrlTest: process.env.DATABASE_URL_TEST || undefined,
    chromiumPath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    ci: process.env.CI === "true" || process.env.CI === "1",
    // Two checkouts can run their e2e suites side by side when each picks its own ports.
    e2ePort: Number(process.env.E2E_PORT) || 3210,
    e2eEmulatorPort: Number(process.env.E2E_EMULATOR_PORT) || 4610,
    fuzzRuns: Number(process.env.FUZZ_RUNS) || 1,
    fuzzSeed: Number(process.env.FUZZ_SEED) || 20261206,
  };
}

/**
 * Test helper: sets configuration variables for one test file before anything reads the configuration (it is read
 * once per process), and returns what puts them back for the next file the same worker runs.
 */
export function setTestEnv(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  };
}

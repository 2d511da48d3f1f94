import { getConfig } from "./config/env";

// Structured one-line JSON logs on stderr. Values under keys that look secret are redacted, and errors are reduced
// to name + message (stacks only at debug), so tokens and connection strings never reach the logs.

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /secret|password|token|authorization|cookie|assertion|code_verifier/i;

function clean(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      ...(getConfig().LOG_LEVEL === "debug" ? { stack: value.stack } : {}),
    };
  }
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => clean(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) ? "[redacted]" : clean(v, depth + 1),
    ]),
  );
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < ORDER[getConfig().LOG_LEVEL]) return;
  process.stderr.write(
    `${JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...(clean(fields) as object) })}\n`,
  );
}

export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};

// Test harness: starts an emulator in-process and talks to it over real HTTPS with node:https,
// trusting the generated CA explicitly (no NODE_EXTRA_CA_CERTS needed).
import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions } from "../src/index";

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: () => any;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: unknown;
  form?: Record<string, string>;
  token?: string;
}

export function httpClient(caPem: string) {
  const agent = new https.Agent({ ca: caPem, keepAlive: true, maxSockets: 8 });
  return (method: string, url: string, opts: RequestOptions = {}): Promise<HttpResult> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...opts.headers };
      let payload: string | undefined;
      if (opts.form) {
        payload = new URLSearchParams(opts.form).toString();
        headers["content-type"] ??= "application/x-www-form-urlencoded";
      } else if (opts.body !== undefined) {
        payload = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
        headers["content-type"] ??= "application/json";
      }
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const req = https.request(url, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
}

export const MDE = "https://api.securitycenter.microsoft.com";
export const XDR = "https://api.security.microsoft.com";
export const GRAPH = "https://graph.microsoft.com";

export interface Harness {
  emu: Emulator;
  http: ReturnType<typeof httpClient>;
  token: (resource: string, client?: { clientId: string; clientSecret: string }) => Promise<string>;
  /** Authenticated call against baseUrl (path starts with /). */
  call: (
    method: string,
    pathOrUrl: string,
    opts?: RequestOptions & { resource?: string; client?: { clientId: string; clientSecret: string } },
  ) => Promise<HttpResult>;
  control: (method: string, path: string, body?: unknown) => Promise<HttpResult>;
  close: () => Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({
    port: 0,
    quiet: true,
    devices: 40,
    alerts: 200,
    vulnsPerDevice: 10,
    dataDir: mkdtempSync(path.join(tmpdir(), "emu-test-")),
    ...options,
  });
  const http = httpClient(emu.caCertPem);
  const cache = new Map<string, string>();
  const token = async (resource: string, client = { clientId: emu.clientId, clientSecret: emu.clientSecret }) => {
    const key = `${client.clientId}|${resource}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const res = await http("POST", `${emu.authorityHost}/${emu.tenantId}/oauth2/v2.0/token`, {
      form: {
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: `${resource}/.default`,
      },
    });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
    const t = res.json().access_token as string;
    cache.set(key, t);
    return t;
  };
  const call: Harness["call"] = async (method, pathOrUrl, opts = {}) => {
    const url = pathOrUrl.startsWith("https://") ? pathOrUrl : `${emu.baseUrl}${pathOrUrl}`;
    const resource = opts.resource ?? (new URL(url).pathname.startsWith("/v1.0/") ? GRAPH : MDE);
    const tok = opts.token ?? (await token(resource, opts.client));
    return http(method, url, { ...opts, token: tok });
  };
  const control = (method: string, p: string, body?: unknown) =>
    http(method, `${emu.baseUrl}${p}`, body === undefined ? {} : { body });
  return { emu, http, token, call, control, close: () => emu.close() };
}

/** Follows @odata.nextLink to the end; returns every record and the number of pages. */
export async function pageAll(
  h: Harness,
  first: string,
  opts: { resource?: string } = {},
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let url: string | undefined = first;
  let pages = 0;
  while (url) {
    const res = await h.call("GET", url, opts);
    if (res.status !== 200) throw new Error(`page ${pages} failed: ${res.status} ${res.text}`);
    const body = res.json();
    items.push(...body.value);
    url = body["@odata.nextLink"];
    pages++;
    if (pages > 10_000) throw new Error("nextLink loop");
  }
  return { items, pages };
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

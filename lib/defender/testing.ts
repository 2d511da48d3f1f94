import https from "node:https";
import zlib from "node:zlib";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { IncomingHttpHeaders } from "node:http";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator/src/index";
import { createAppTokenProvider, type AppTokenProvider } from "../entra/app-token";
import type { TenantSettings } from "../entra/msal-config";
import type { Page, SkippedRecord } from "../microsoft";

// Test transport: fetch and an MSAL network client that trust one extra CA (the emulator's), because
// NODE_EXTRA_CA_CERTS is only read at process start and vitest workers are already running. Production never uses
// this: the clients default to the global fetch and MSAL's own HTTP client.

export interface TrustingTransport {
  fetch: typeof fetch;
  msalNetworkClient: INetworkModule;
  /** URLs MSAL fetched through msalNetworkClient (proof that MSAL used it). */
  msalRequests: string[];
  close(): void;
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    if (k === "content-encoding" || k === "content-length") continue; // the body below is already decoded
    for (const item of Array.isArray(v) ? v : [v]) h.append(k, item);
  }
  return h;
}

export function trustingTransport(caPem: string): TrustingTransport {
  const agent = new https.Agent({ ca: caPem, keepAlive: true, maxSockets: 8 });
  const msalRequests: string[] = [];

  const fetchImpl = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const headers = new Headers(init.headers);
      // Like undici, ask for compression: MDE deflates bodies (Content-Encoding: deflate) and the emulator does too.
      if (!headers.has("accept-encoding")) headers.set("accept-encoding", "gzip, deflate");
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const req = https.request(
        url,
        { method: init.method ?? "GET", agent, headers: Object.fromEntries(headers) },
        (res) => {
          const enc = String(res.headers["content-encoding"] ?? "").toLowerCase();
          const stream =
            enc === "gzip" ? res.pipe(zlib.createGunzip()) : enc === "deflate" ? res.pipe(zlib.createInflate()) : res;
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          res.on("error", reject);
          // "aborted": the server destroyed the socket mid-body.
          res.on("aborted", () => reject(Object.assign(new Error("response aborted"), { code: "ECONNRESET" })));
          stream.on("end", () => {
            const status = res.statusCode ?? 0;
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, statusText: res.statusMessage, headers: toHeaders(res.headers) }));
          });
        },
      );
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      req.on("error", (err) => reject(signal?.aborted ? signal.reason : err));
      req.on("close", () => signal?.removeEventListener("abort", onAbort));
      if (typeof init.body === "string" || init.body instanceof Uint8Array) req.write(init.body);
      req.end();
    });

  const msalSend = async <T>(
    method: "GET" | "POST",
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    msalRequests.push(url);
    const res = await fetchImpl(url, {
      method,
      headers: options?.headers,
      body: method === "POST" ? (options?.body ?? "") : undefined,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { headers, body: (await res.json()) as T, status: res.status };
  };

  return {
    fetch: fetchImpl as typeof fetch,
    msalNetworkClient: {
      sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) =>
        msalSend<T>("GET", url, options, timeout),
      sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => msalSend<T>("POST", url, options),
    },
    msalRequests,
    close: () => agent.destroy(),
  };
}

/** TenantSettings for a simulated tenant's ready info (emulator README), optionally with another app's credentials. */
export function tenantFor(
  ready: { authorityHost: string; tenantId: string; clientId: string; clientSecret: string },
  app: { clientId: string; clientSecret: string } = ready,
): TenantSettings {
  const host = ready.authorityHost.replace(/\/+$/, "");
  return {
    host,
    tenantId: ready.tenantId,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    authority: `${host}/${ready.tenantId}`,
    issuer: `${host}/${ready.tenantId}/v2.0`,
    jwksUri: `${host}/${ready.tenantId}/discovery/v2.0/keys`,
  };
}

/** Calls the emulator's loopback control API (`/_emulator/...`). */
export async function control(
  transport: TrustingTransport,
  baseUrl: string,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await transport.fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Reads a paged listing to its end: every item and skipped record, and how many pages it took. */
export async function drainPages<T>(
  gen: AsyncGenerator<Page<T>>,
): Promise<{ items: T[]; skipped: SkippedRecord[]; pages: number }> {
  const items: T[] = [];
  const skipped: SkippedRecord[] = [];
  let pages = 0;
  for await (const p of gen) {
    pages++;
    items.push(...p.items);
    skipped.push(...p.skipped);
  }
  return { items, skipped, pages };
}

/** A simulated tenant for one test file: the emulator (quiet, in a fresh temp folder) and a transport trusting it. */
export interface EmulatedTenant {
  emu: Emulator;
  transport: TrustingTransport;
  /** An app token provider for the tenant's console app, or for another registered app. */
  tokens(app?: { clientId: string; clientSecret: string }): AppTokenProvider;
  /** Sets the emulator's injected faults (`{}` clears them). */
  setFaults(spec: object): Promise<unknown>;
  close(): Promise<void>;
}

export async function startEmulatedTenant(
  opts: Omit<EmulatorOptions, "port" | "quiet" | "dataDir"> & { seed: string },
): Promise<EmulatedTenant> {
  const emu = await startEmulator({
    port: 0,
    quiet: true,
    dataDir: mkdtempSync(path.join(tmpdir(), `${opts.seed}-`)),
    ...opts,
  });
  const transport = trustingTransport(emu.caCertPem);
  return {
    emu,
    transport,
    tokens: (app) =>
      createAppTokenProvider({ tenant: tenantFor(emu, app), networkClient: transport.msalNetworkClient }),
    setFaults: (spec) => control(transport, emu.baseUrl, "POST", "/_emulator/faults", spec),
    close: async () => {
      transport.close();
      await emu.close();
    },
  };
}

/** A real wait, for tests that record the waits a client asks for. */
export const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Client retry options for tests: short backoff, and the emulator's Retry-After: 1 (not enforced) not waited out. */
export const FAST_RETRIES = {
  backoff: { baseMs: 5, maxMs: 40 },
  sleep: (ms: number) => realSleep(Math.min(ms, 20)),
};

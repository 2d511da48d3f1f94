import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { getConfig } from "../../config/env";
import { guardedLookup, isPrivateAddress, TargetRefused } from "../target-guard";
import { DeliveryError } from "./errors";

// One POST to a webhook: no redirects followed (a redirect could point inside the network), a connection to a
// private address refused (target-guard.ts), a bounded wait.

export const POST_TIMEOUT_MS = 10_000;

function describeStatus(status: number, body: string): DeliveryError {
  const retryable = status === 408 || status === 429 || status >= 500;
  const detail = body.trim().slice(0, 200);
  return new DeliveryError(`The receiver answered HTTP ${status}${detail ? `: ${detail}` : ""}.`, retryable);
}

export function postJson(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = POST_TIMEOUT_MS,
): Promise<number> {
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // Node connects to an IP literal without a lookup, so the guard checks it here.
  if (isIP(host) && isPrivateAddress(host) && !getConfig().NOTIFY_ALLOW_PRIVATE_TARGETS)
    return Promise.reject(
      new DeliveryError(
        `${host} is inside the console's own network; set NOTIFY_ALLOW_PRIVATE_TARGETS=true if it is meant to be.`,
        false,
      ),
    );
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
        lookup: guardedLookup as never,
        timeout: timeoutMs,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length < 2000) text += chunk;
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(status);
          else if (status >= 300 && status < 400)
            reject(new DeliveryError(`The receiver redirected (HTTP ${status}); give the final URL.`, false));
          else reject(describeStatus(status, text));
        });
      },
    );
    req.on("timeout", () => req.destroy(new DeliveryError(`No answer within ${timeoutMs / 1000} s.`, true)));
    req.on("error", (err: Error) => {
      if (err instanceof DeliveryError) return reject(err);
      if (err instanceof TargetRefused) return reject(new DeliveryError(err.message, false));
      const code = (err as NodeJS.ErrnoException).code;
      reject(
        new DeliveryError(
          code === "ENOTFOUND"
            ? `The host ${host} could not be resolved.`
            : `Could not reach ${url.host} (${code ?? err.message}).`,
          code !== "ENOTFOUND",
        ),
      );
    });
    req.end(body);
  });
}

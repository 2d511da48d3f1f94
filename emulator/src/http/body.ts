import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors";

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "BadRequest", "Request body is too large.");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isJsonContentType(req: IncomingMessage): boolean {
  return /^application\/json\b/i.test(String(req.headers["content-type"] ?? ""));
}

/**
 * The JSON body of an MDE write call. The docs make `Content-Type: application/json` a required
 * header for PATCH ("Update alert") and the response actions ("Isolate machine API" …), so anything else is
 * InvalidRequestBody.
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(req);
  if (!isJsonContentType(req)) {
    throw new ApiError(400, "InvalidRequestBody", "Invalid request body. Content-Type must be application/json.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, "InvalidRequestBody", "Invalid request body.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ApiError(400, "InvalidRequestBody", "Invalid request body. Expected a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** Form-encoded body (token endpoint, sign-in form). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readText(req));
}

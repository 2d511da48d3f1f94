import { z } from "zod";
import type { DefenderClient } from "./client";
import { ProviderError } from "../microsoft";
import {
  DownloadLink,
  LibraryFile,
  LiveResponseAction,
  LiveResponseScriptResult,
  type LiveResponseCommandType,
} from "./schemas";

// Live response through the API ("Run live response commands on a device", "Get live response results" and the
// library pages, learn.microsoft.com/defender-endpoint/api/run-live-response). A session is a LiveResponse machine
// action: poll it with getMachineAction()'s path through getLiveResponseAction(), then fetch each result through a
// short-lived download link that must never reach a browser.

export type LiveResponseCommandInput =
  | { type: "PutFile"; fileName: string }
  | { type: "RunScript"; scriptName: string; args?: string }
  | { type: "GetFile"; path: string };

/** The documented order: PutFile commands, then RunScript, then GetFile ("must be in this order"). */
const ORDER: Record<LiveResponseCommandType, number> = { PutFile: 0, RunScript: 1, GetFile: 2 };

function commandBody(c: LiveResponseCommandInput) {
  if (c.type === "PutFile") return { type: c.type, params: [{ key: "FileName", value: c.fileName }] };
  if (c.type === "GetFile") return { type: c.type, params: [{ key: "Path", value: c.path }] };
  const params = [{ key: "ScriptName", value: c.scriptName }];
  if (c.args) params.push({ key: "Args", value: c.args });
  return { type: c.type, params };
}

/**
 * POST /api/machines/{id}/runliveresponse → the LiveResponse action (`Pending`, commands `Created`). Never
 * repeated: not after a 5xx or lost answer (a session may be running), and not after a 429 either (10 calls a
 * minute, 25 sessions at a time) so the caller can say when to try again. Commands are sorted into the documented
 * order, keeping the caller's order within a type.
 */
export function runLiveResponse(
  client: DefenderClient,
  machineId: string,
  input: { comment: string; commands: LiveResponseCommandInput[] },
): Promise<LiveResponseAction> {
  if (input.commands.length === 0) throw new Error("runLiveResponse needs at least one command");
  const commands = input.commands
    .map((c, i) => ({ c, i }))
    .sort((a, b) => ORDER[a.c.type] - ORDER[b.c.type] || a.i - b.i)
    .map(({ c }) => commandBody(c));
  return client.request({
    method: "POST",
    path: `/api/machines/${encodeURIComponent(machineId)}/runliveresponse`,
    statsPath: "/api/machines/{id}/runliveresponse",
    body: { Comment: input.comment, Commands: commands },
    schema: LiveResponseAction,
    idempotent: false,
    maxRetries: 0,
  });
}

/** GET /api/machineactions/{id} read as a live response session (commands included). */
export function getLiveResponseAction(
  client: DefenderClient,
  actionId: string,
  opts: { maxRetries?: number } = {},
): Promise<LiveResponseAction> {
  return client.request({
    method: "GET",
    path: `/api/machineactions/${encodeURIComponent(actionId)}`,
    statsPath: "/api/machineactions/{id}",
    schema: LiveResponseAction,
    maxRetries: opts.maxRetries,
  });
}

/** A download link for command `index`'s result, valid 30 minutes (get-live-response-result); 404 until it completed. */
export async function getLiveResponseResultLink(
  client: DefenderClient,
  actionId: string,
  index: number,
): Promise<string> {
  const res = await client.request({
    method: "GET",
    path: `/api/machineactions/${encodeURIComponent(actionId)}/GetLiveResponseResultDownloadLink(index=${index})`,
    statsPath: "/api/machineactions/{id}/GetLiveResponseResultDownloadLink(index={n})",
    schema: DownloadLink,
  });
  return res.value;
}

export interface LiveResponseResultFile {
  contentType: string;
  bytes: Uint8Array;
}

/**
 * Fetches a result behind its download link. The link is a signed storage URL: no bearer token goes with it. Server
 * side only — the console streams the bytes itself and never hands the signed URL to a browser.
 */
export async function downloadLiveResponseResult(
  url: string,
  opts: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<LiveResponseResultFile> {
  const res = await (opts.fetch ?? globalThis.fetch)(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000) });
  if (!res.ok) {
    throw new ProviderError({
      provider: "defender",
      status: res.status,
      code: res.status === 403 ? "DownloadLinkExpired" : "DownloadFailed",
      message:
        res.status === 403
          ? "The live response result link has expired (links last 30 minutes); ask for a new one."
          : `Downloading the live response result failed (${res.status}).`,
    });
  }
  return {
    contentType: res.headers.get("content-type") ?? "application/octet-stream",
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

/** A RunScript result file: `{script_name, exit_code, script_output, script_errors}`. */
export function parseScriptResult(file: LiveResponseResultFile): LiveResponseScriptResult {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch {
    json = undefined;
  }
  const parsed = LiveResponseScriptResult.safeParse(json);
  if (!parsed.success)
    throw new ProviderError({
      provider: "defender",
      status: 200,
      code: "InvalidResponse",
      message:
        "The RunScript result is not the documented JSON (script_name, exit_code, script_output, script_errors).",
    });
  return parsed.data;
}

// ───────────── Library (list-library-files, upload-library, delete-library) ─────────────

const LibraryFileList = z.looseObject({ value: z.array(LibraryFile) });

export async function listLibraryFiles(client: DefenderClient): Promise<LibraryFile[]> {
  return (await client.request({ method: "GET", path: "/api/libraryfiles", schema: LibraryFileList })).value;
}

export interface LibraryUpload {
  fileName: string;
  content: Uint8Array;
  description?: string;
  parametersDescription?: string;
  overrideIfExists?: boolean;
}

/** Library file names: letters, digits, `-`, `_`, `.`; at most 20 MB (upload-library). Checked before sending. */
export const LIBRARY_FILE_NAME = /^[A-Za-z0-9._-]+$/;
export const LIBRARY_MAX_BYTES = 20 * 1024 * 1024;

function multipart(upload: LibraryUpload): { contentType: string; data: Uint8Array<ArrayBuffer> } {
  const boundary = `----soc-console-${crypto.randomUUID()}`;
  const enc = new TextEncoder();
  const field = (name: string, value: string) =>
    enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const parts: Uint8Array[] = [];
  if (upload.description !== undefined) parts.push(field("Description", upload.description));
  if (upload.parametersDescription !== undefined) {
    parts.push(field("ParametersDescription", upload.parametersDescription));
    parts.push(field("HasParameters", "true"));
  }
  parts.push(field("OverrideIfExists", upload.overrideIfExists ? "true" : "false"));
  parts.push(
    enc.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="File"; filename="${upload.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    upload.content,
    enc.encode(`\r\n--${boundary}--\r\n`),
  );
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, data };
}

/** POST /api/libraryfiles (multipart) → 200 + the library entity. Replacing a file only with overrideIfExists. */
export function uploadLibraryFile(client: DefenderClient, upload: LibraryUpload): Promise<LibraryFile> {
  if (!LIBRARY_FILE_NAME.test(upload.fileName))
    throw new Error("Library file names may contain only letters, digits, '-', '_' and '.'");
  if (upload.content.length === 0 || upload.content.length > LIBRARY_MAX_BYTES)
    throw new Error("Library files must be between 1 byte and 20 MB");
  return client.request({
    method: "POST",
    path: "/api/libraryfiles",
    rawBody: multipart(upload),
    schema: LibraryFile,
    // The same upload twice leaves the same library (the second fails without overrideIfExists).
    idempotent: true,
  });
}

/** DELETE /api/libraryfiles/{fileName} → 204; 404 when the name is not in the library. */
export async function deleteLibraryFile(client: DefenderClient, fileName: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: `/api/libraryfiles/${encodeURIComponent(fileName)}`,
    statsPath: "/api/libraryfiles/{fileName}",
    schema: z.unknown(),
    idempotent: true,
  });
}

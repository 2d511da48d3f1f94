import type { AuditContext } from "../auth/actor";
import { recordAudit, withExternalChange } from "../audit";
import { db, Prisma } from "../db";
import { tenantKey, tenantScope } from "../cache/tenant";
import { AppError, NotFound } from "../http/errors";
import { parseScriptResult, type ResponseActionBody } from "../defender";
import {
  OUTPUT_MAX_CHARS,
  type ActionView,
  type LibraryFileView,
  type LibraryUploadInput,
  type LiveResponseCommandInput,
  type LiveResponseOutput,
} from "./schemas";
import { liveResponseWriter } from "./writer";

// Live response sessions as response actions ("Run live response commands on a device",
// learn.microsoft.com/defender-endpoint/api/run-live-response). A session is requested, approved (four-eyes),
// sent exactly once and followed like any machine action (mutations.ts); this file adds what is its own: the body,
// the results read once the session ended (stored and audited), collected files streamed through the console,
// and the library ("List library files", "Upload files to the live response library", "Delete a file from the
// live response library").

/** Who stores a session's results: the console itself, on whichever poll first sees the session ended. */
const COLLECTOR: AuditContext["actor"] = {
  type: "system",
  id: "console:live-response",
  name: "console (live response results)",
  roles: [],
  permissions: new Set(),
};

export function liveResponseBody(
  req: { commands: Prisma.JsonValue | null },
  base: ResponseActionBody,
): { comment: string; commands: LiveResponseCommandInput[] } {
  return { comment: base.Comment, commands: (req.commands ?? []) as unknown as LiveResponseCommandInput[] };
}

const cut = (text: string) => (text.length > OUTPUT_MAX_CHARS ? `${text.slice(0, OUTPUT_MAX_CHARS)}\n… (cut)` : text);

/**
 * Reads each command's status and, for a completed RunScript, its result file (through its 30-minute link,
 * server side), then stores them and audits it in one transaction. Stored once: a second poll finding them stored
 * does nothing. A GetFile's bytes are not stored; they are streamed on demand (liveResponseFile).
 */
export async function collectLiveResponseOutput(view: ActionView): Promise<void> {
  const session = await liveResponseWriter().liveResponseSession(view.machineActionId!);
  const output: LiveResponseOutput[] = [];
  for (const c of session.commands) {
    const param = (key: string) => c.command.params.find((p) => p.key === key)?.value ?? null;
    const row: LiveResponseOutput = {
      index: c.index,
      type: c.command.type,
      status: c.commandStatus,
      exitCode: null,
      output: null,
      errors: c.errors.length ? c.errors.join("\n") : null,
      path: c.command.type === "GetFile" ? param("Path") : null,
    };
    if (c.command.type === "RunScript" && c.commandStatus === "Completed") {
      const result = parseScriptResult(await liveResponseWriter().liveResponseResult(session.id, c.index));
      row.exitCode = result.exit_code;
      row.output = cut(result.script_output);
      row.errors = result.script_errors ? cut(result.script_errors) : row.errors;
    }
    output.push(row);
  }
  await db().$transaction(async (tx) => {
    const stored = await tx.actionRequest.updateMany({
      where: { ...tenantScope(), id: view.requestId!, output: { equals: Prisma.DbNull } },
      data: { output: output as unknown as Prisma.InputJsonValue },
    });
    if (stored.count === 0) return;
    await recordAudit(
      tx,
      { actor: COLLECTOR, requestId: crypto.randomUUID(), ip: null },
      {
        action: "liveresponse.result",
        targetType: "device",
        targetId: view.deviceId ?? undefined,
        params: {
          actionRequestId: view.requestId,
          machineActionId: view.machineActionId,
          status: view.status,
          commands: output.map((o) => ({
            index: o.index,
            type: o.type,
            status: o.status,
            exitCode: o.exitCode,
            path: o.path,
            outputChars: o.output?.length ?? 0,
          })),
        },
      },
      view.status === "Succeeded" ? "success" : "failure",
      view.status === "Succeeded" ? undefined : `The session ended ${view.status}.`,
    );
  });
}

/** The file a completed GetFile collected, fetched from Defender for this request only; the download is audited. */
export async function liveResponseFile(
  ctx: AuditContext,
  requestId: string,
  index: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const req = await db().actionRequest.findUnique({
    where: tenantKey(requestId),
    select: { type: true, deviceId: true, machineActionId: true, output: true },
  });
  if (!req || req.type !== "LiveResponse" || !req.machineActionId)
    throw new NotFound(`Live response session ${requestId} is not known.`);
  const command = ((req.output ?? []) as unknown as LiveResponseOutput[]).find((o) => o.index === index);
  if (!command || command.type !== "GetFile" || command.status !== "Completed" || !command.path)
    throw new NotFound(`Command ${index} of this session collected no file.`);
  const machineActionId = req.machineActionId;
  const file = await withExternalChange(
    ctx,
    {
      action: "liveresponse.download",
      targetType: "device",
      targetId: req.deviceId,
      params: { actionRequestId: requestId, machineActionId, index, path: command.path },
    },
    () => liveResponseWriter().liveResponseResult(machineActionId, index),
    async (_tx, result) => ({ result, params: { bytes: result.bytes.length } }),
  );
  const fileName = command.path.split(/[\\/]/).pop() || `live-response-${index}`;
  return { fileName, bytes: file.bytes };
}

// ───────────── Library ─────────────

/** What the library takes (checked before anything is sent): scripts the live response shell runs, and tools. */
export const LIBRARY_EXTENSIONS = [".ps1", ".sh", ".py", ".bat", ".cmd", ".txt", ".json", ".zip", ".exe"] as const;
const SCRIPT_EXTENSIONS = [".ps1", ".sh", ".py", ".bat", ".cmd", ".txt", ".json"];
/** "Upload files to the live response library": at most 20 MB a file. */
export const LIBRARY_MAX_BYTES = 20 * 1024 * 1024;

export async function listLibrary(): Promise<LibraryFileView[]> {
  const files = await liveResponseWriter().listLibrary();
  return files
    .map((f) => ({
      fileName: f.fileName,
      description: f.description ?? null,
      hasParameters: f.hasParameters === true,
      parametersDescription: f.parametersDescription ?? null,
      createdBy: f.createdBy ?? null,
      lastUpdatedTime: f.lastUpdatedTime ? new Date(f.lastUpdatedTime).toISOString() : null,
      sha256: f.sha256 ?? null,
    }))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
}

/** Checks the name's type, the size and (for scripts) that the bytes are text, then uploads and audits it. */
export async function uploadLibrary(ctx: AuditContext, input: LibraryUploadInput): Promise<LibraryFileView> {
  const ext = input.fileName.slice(input.fileName.lastIndexOf(".")).toLowerCase();
  if (!input.fileName.includes(".") || !(LIBRARY_EXTENSIONS as readonly string[]).includes(ext))
    throw new AppError(422, "file_type", `Library files must be one of ${LIBRARY_EXTENSIONS.join(", ")}.`);
  const content = Buffer.from(input.contentBase64, "base64");
  if (content.length === 0) throw new AppError(422, "file_empty", "The file is empty.");
  if (content.length > LIBRARY_MAX_BYTES)
    throw new AppError(413, "file_too_large", "Library files may be at most 20 MB (Defender's limit).");
  if (SCRIPT_EXTENSIONS.includes(ext) && content.includes(0))
    throw new AppError(422, "file_type", `${input.fileName} is not a text file, yet its name says it is a script.`);
  const entry = {
    action: "liveresponse.library.upload" as const,
    targetType: "library",
    targetId: input.fileName,
    params: { fileName: input.fileName, bytes: content.length, overrideIfExists: input.overrideIfExists },
  };
  const uploaded = await withExternalChange(
    ctx,
    entry,
    () =>
      liveResponseWriter().uploadLibrary({
        fileName: input.fileName,
        content: new Uint8Array(content),
        description: input.description,
        parametersDescription: input.parametersDescription,
        overrideIfExists: input.overrideIfExists,
      }),
    async (_tx, result) => ({ result, params: { ...entry.params, sha256: result.sha256 ?? null } }),
  );
  return (await listLibrary()).find((f) => f.fileName === uploaded.fileName)!;
}

export async function deleteLibrary(ctx: AuditContext, fileName: string): Promise<void> {
  await withExternalChange(
    ctx,
    { action: "liveresponse.library.delete", targetType: "library", targetId: fileName, params: { fileName } },
    () => liveResponseWriter().deleteLibrary(fileName),
    async () => ({ result: undefined }),
  );
}

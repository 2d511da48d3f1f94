// A live response session's commands ("Run live response commands on a device"): parsed from the request,
// planned when the session is created (so the outcome is deterministic), then shown running one at a time while
// the machine action is InProgress. "When a live response command fails all the subsequent actions won't be
// executed": those stay Created.
import { ApiError } from "../http/errors";
import type { Device } from "../tenant/model";
import type { LibraryStore } from "./library-store";
import { collectedFile, isAbsolutePath, runScript } from "./live-response-scripts";

export type CommandType = "PutFile" | "RunScript" | "GetFile";
export type CommandStatus = "Created" | "Completed" | "Failed";

/** The documented order; repetitions are unlimited. */
const ORDER: Record<CommandType, number> = { PutFile: 0, RunScript: 1, GetFile: 2 };
const REQUIRED_PARAM: Record<CommandType, string> = { PutFile: "FileName", RunScript: "ScriptName", GetFile: "Path" };

export interface CommandDraft {
  type: CommandType;
  params: { key: string; value: string }[];
}

export interface LiveCommand extends CommandDraft {
  index: number;
  status: CommandStatus;
  startMs: number | null;
  endMs: number | null;
  errors: string[];
  /** Planned at submission: the result file (RunScript JSON or the collected file); PutFile has none. */
  result: { body: Buffer; contentType: string; fileName: string } | null;
  /** Planned at submission: why this command will fail. */
  failure: string | null;
}

export interface LiveSession {
  commands: LiveCommand[];
  /** Index of the command that fails, or -1. */
  failAt: number;
  /** Index of the command that never finishes (the TimeOut fault), or -1. */
  hangAt: number;
}

const param = (c: CommandDraft, key: string) => c.params.find((p) => p.key === key)?.value;

/** `Commands` of the request body: items `{type, params:[{key, value}]}` in PutFile → RunScript → GetFile order. */
export function parseCommands(body: Record<string, unknown>): CommandDraft[] {
  const raw = body.Commands;
  if (raw === undefined || raw === null)
    throw new ApiError(400, "MissingRequiredParameter", "Parameter Commands is missing.");
  if (!Array.isArray(raw) || raw.length === 0)
    throw new ApiError(400, "InvalidInput", "Invalid input Commands: expected a non-empty array of commands.");
  const drafts = raw.map((item, i): CommandDraft => {
    const o = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof o.type !== "string" || !(o.type in ORDER))
      throw new ApiError(
        400,
        "InvalidInput",
        `Invalid input Commands[${i}].type: expected PutFile, RunScript or GetFile.`,
      );
    const type = o.type as CommandType;
    const params = o.params ?? [];
    if (
      !Array.isArray(params) ||
      !params.every(
        (p) => typeof p === "object" && p !== null && typeof p.key === "string" && typeof p.value === "string",
      )
    )
      throw new ApiError(400, "InvalidInput", `Invalid input Commands[${i}].params: expected [{"key","value"}].`);
    const draft: CommandDraft = {
      type,
      params: params.map((p: { key: string; value: string }) => ({ key: p.key, value: p.value })),
    };
    if (!param(draft, REQUIRED_PARAM[type]))
      throw new ApiError(400, "MissingRequiredParameter", `Parameter ${REQUIRED_PARAM[type]} is missing.`);
    return draft;
  });
  for (let i = 1; i < drafts.length; i++) {
    if (ORDER[drafts[i]!.type] < ORDER[drafts[i - 1]!.type])
      throw new ApiError(
        400,
        "InvalidInput",
        "Invalid input Commands: commands must be in the order PutFile, RunScript, GetFile.",
      );
  }
  return drafts;
}

export function planSession(
  drafts: CommandDraft[],
  machine: Device,
  library: LibraryStore,
  forcedOutcome: "Failed" | "TimeOut" | null,
): LiveSession {
  const commands = drafts.map((d, index): LiveCommand => {
    const cmd: LiveCommand = {
      ...d,
      index,
      status: "Created",
      startMs: null,
      endMs: null,
      errors: [],
      result: null,
      failure: null,
    };
    if (d.type === "PutFile") {
      if (!library.get(param(d, "FileName")!))
        cmd.failure = `File '${param(d, "FileName")}' was not found in the library.`;
    } else if (d.type === "RunScript") {
      const script = library.get(param(d, "ScriptName")!);
      if (!script) cmd.failure = `Script '${param(d, "ScriptName")}' was not found in the library.`;
      else {
        const result = runScript(machine, script, param(d, "Args") ?? "");
        cmd.result = {
          body: Buffer.from(JSON.stringify(result), "utf8"),
          contentType: "application/json",
          fileName: `${script.fileName}.json`,
        };
      }
    } else {
      const path = param(d, "Path")!;
      if (!isAbsolutePath(path)) cmd.failure = `The system cannot find the file specified: '${path}'.`;
      else
        cmd.result = {
          body: collectedFile(machine, path),
          contentType: "application/octet-stream",
          fileName: path.split(/[\\/]/).pop() || "file",
        };
    }
    return cmd;
  });
  let failAt = commands.findIndex((c) => c.failure !== null);
  if (forcedOutcome === "Failed") {
    failAt = 0;
    commands[0]!.failure ??= "The command failed on the device.";
  }
  return { commands, failAt, hangAt: forcedOutcome === "TimeOut" ? 0 : -1 };
}

/**
 * Command states `elapsed` ms into the InProgress phase of `duration` ms: each command gets an equal slice and
 * runs after the previous one. The store calls it with `elapsed = duration` when the action ends.
 */
export function advanceSession(s: LiveSession, elapsed: number, duration: number, inProgressAtMs: number): void {
  const slice = duration / s.commands.length;
  for (const c of s.commands) {
    const start = c.index * slice;
    if (elapsed < start) break;
    c.startMs = inProgressAtMs + Math.round(start);
    if (c.index === s.hangAt || elapsed < start + slice) break;
    c.endMs = inProgressAtMs + Math.round(start + slice);
    if (c.index === s.failAt) {
      c.status = "Failed";
      c.errors = [c.failure!];
      break;
    }
    c.status = "Completed";
  }
}

/** One command as "Run live response commands on a device" shows it. */
export function commandJson(c: LiveCommand, iso: (ms: number) => string): Record<string, unknown> {
  return {
    index: c.index,
    startTime: c.startMs === null ? null : iso(c.startMs),
    endTime: c.endMs === null ? null : iso(c.endMs),
    commandStatus: c.status,
    errors: c.errors,
    command: { type: c.type, params: c.params },
  };
}

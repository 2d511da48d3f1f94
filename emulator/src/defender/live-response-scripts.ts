// What live response commands produce. Deterministic per (device, script, arguments, path), so tests and demos
// can assert the outputs: a process list, a file hash that matches the file GetFile collects. The RunScript
// result file is the JSON of "Get live response results" ({script_name, exit_code, script_output,
// script_errors}); a GetFile result is the collected file itself.
import { hashString, mix32 } from "../random";
import type { Device } from "../tenant/model";
import { sha256Hex, type LibraryFile } from "./library-store";

export interface ScriptResult {
  script_name: string;
  exit_code: number;
  script_output: string;
  script_errors: string;
}

const WINDOWS_PROCESSES = [
  ["System", null],
  ["smss", "C:\\Windows\\System32\\smss.exe"],
  ["csrss", "C:\\Windows\\System32\\csrss.exe"],
  ["wininit", "C:\\Windows\\System32\\wininit.exe"],
  ["services", "C:\\Windows\\System32\\services.exe"],
  ["lsass", "C:\\Windows\\System32\\lsass.exe"],
  ["svchost", "C:\\Windows\\System32\\svchost.exe"],
  ["MsMpEng", "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe"],
  ["MsSense", "C:\\Program Files\\Windows Defender Advanced Threat Protection\\MsSense.exe"],
  ["explorer", "C:\\Windows\\explorer.exe"],
  ["OfficeClickToRun", "C:\\Program Files\\Common Files\\microsoft shared\\ClickToRun\\OfficeClickToRun.exe"],
  ["msedge", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"],
] as const;

/** `Get-ProcessList.ps1`: the same table for the same device every time; PIDs differ per device. */
export function processList(machine: Device): string {
  const rows = WINDOWS_PROCESSES.map(([name, path], i) => {
    const pid = i === 0 ? 4 : 400 + (mix32(machine.idx, i) % 12_000) * 4;
    return { pid, name, path: path ?? "" };
  }).sort((a, b) => a.pid - b.pid);
  const lines = rows.map((r) => `${String(r.pid).padStart(5)} ${r.name.padEnd(17)} ${r.path}`.trimEnd());
  return [`   Id ProcessName       Path`, `   -- -----------       ----`, ...lines, ""].join("\n");
}

/** What GetFile collects from `path` on a device: text naming both, 1–4 KB long, the same bytes every time. */
export function collectedFile(machine: Device, path: string): Buffer {
  const seed = hashString(`${machine.id}|${path.toLowerCase()}`);
  const header = `Emulated file collected by live response\r\nDevice: ${machine.dnsName}\r\nPath: ${path}\r\n`;
  const filler: string[] = [];
  const lines = 16 + (seed % 48);
  for (let i = 0; i < lines; i++)
    filler.push(`${i.toString(16).padStart(4, "0")} ${mix32(seed, i).toString(16).padStart(8, "0").repeat(7)}`);
  return Buffer.from(`${header}${filler.join("\r\n")}\r\n`, "utf8");
}

/** GetFile and Get-FileHash accept absolute paths only (a drive letter or a leading slash). */
export function isAbsolutePath(path: string): boolean {
  return /^[A-Za-z]:\\/.test(path) || path.startsWith("/");
}

export function runScript(machine: Device, script: LibraryFile, args: string): ScriptResult {
  const name = script.fileName;
  const ok = (script_output: string): ScriptResult => ({
    script_name: name,
    exit_code: 0,
    script_output,
    script_errors: "",
  });
  switch (name.toLowerCase()) {
    case "get-processlist.ps1":
      return ok(processList(machine));
    case "get-filehash.ps1": {
      const path = args
        .trim()
        .replace(/^-Path\s+/i, "")
        .replace(/^"(.*)"$/, "$1");
      if (!isAbsolutePath(path))
        return {
          script_name: name,
          exit_code: 1,
          script_output: "",
          script_errors: `Get-FileHash : Cannot find path '${path}' because it does not exist.`,
        };
      return ok(
        `\nAlgorithm : SHA256\nHash      : ${sha256Hex(collectedFile(machine, path)).toUpperCase()}\nPath      : ${path}\n`,
      );
    }
    case "minidump.ps1": {
      const proc = args.trim() || "lsass";
      const transcript = (mix32(machine.idx, hashString(proc)) >>> 0).toString(16).padStart(8, "0");
      return ok(
        `Transcript started, output file is C:\\ProgramData\\Microsoft\\Windows Defender Advanced Threat Protection\\Temp\\PSScriptOutputs\\PSScript_Transcript_${transcript}.txt\nC:\\windows\\TEMP\\${proc}.dmp.zip\n${10 + (hashString(proc) % 90)} MB\n`,
      );
    }
    default:
      return ok(`${name} completed on ${machine.hostName}.${args ? ` Arguments: ${args}` : ""}\n`);
  }
}

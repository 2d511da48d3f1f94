// The tenant's live response library ("List library files", "Upload files to the live response library",
// "Delete a file from the live response library"). RunScript and PutFile may only use files kept here.
import { createHash } from "node:crypto";
import { isoTime, DAY_MS, type EmulatedClock } from "../clock";

export interface LibraryFile {
  fileName: string;
  content: Buffer;
  sha256: string;
  description: string | null;
  createdMs: number;
  updatedMs: number;
  createdBy: string;
  hasParameters: boolean;
  parametersDescription: string | null;
}

/** Library file names: letters, digits, `-`, `_` and `.` ("Investigate entities on devices using live response"). */
export const LIBRARY_NAME = /^[A-Za-z0-9._-]+$/;
/** "Upload files to the live response library": the file may be up to 20 MB. */
export const LIBRARY_MAX_BYTES = 20 * 1024 * 1024;

/** The scripts every generated tenant starts with; their outputs are in live-response-scripts.ts. */
const SEEDED: { fileName: string; description: string; parametersDescription: string | null; content: string }[] = [
  {
    fileName: "Get-ProcessList.ps1",
    description: "Lists running processes with their ids and image paths.",
    parametersDescription: null,
    content: "Get-Process | Sort-Object Id | Format-Table Id, ProcessName, Path -AutoSize\n",
  },
  {
    fileName: "Get-FileHash.ps1",
    description: "Computes the SHA256 of a file.",
    parametersDescription: "Full path of the file, e.g. C:\\Users\\Public\\invoice.exe",
    content: "param([string]$Path)\nGet-FileHash -Algorithm SHA256 -Path $Path | Format-List\n",
  },
  {
    fileName: "minidump.ps1",
    description: "Writes a memory dump of a process and zips it for collection.",
    parametersDescription: "Process name, e.g. OfficeClickToRun",
    content: "param([string]$ProcessName)\n# dumps $ProcessName to C:\\windows\\TEMP\\$ProcessName.dmp.zip\n",
  },
  {
    fileName: "collect-triage.sh",
    description: "Collects a triage bundle on macOS and Linux.",
    parametersDescription: null,
    content: "#!/bin/sh\nps -eo pid,comm\n",
  },
];

export function sha256Hex(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export class LibraryStore {
  private files = new Map<string, LibraryFile>();
  private changes = 0;

  constructor(
    anchorMs: number,
    private readonly clock: EmulatedClock,
  ) {
    for (const s of SEEDED) {
      const content = Buffer.from(s.content, "utf8");
      this.files.set(s.fileName.toLowerCase(), {
        fileName: s.fileName,
        content,
        sha256: sha256Hex(content),
        description: s.description,
        createdMs: anchorMs - 30 * DAY_MS,
        updatedMs: anchorMs - 30 * DAY_MS,
        createdBy: "admin@contoso.example",
        hasParameters: s.parametersDescription !== null,
        parametersDescription: s.parametersDescription,
      });
    }
  }

  version(): number {
    return this.changes;
  }

  list(): LibraryFile[] {
    return [...this.files.values()];
  }

  /** File names are matched case-insensitively, as on Windows. */
  get(fileName: string): LibraryFile | undefined {
    return this.files.get(fileName.toLowerCase());
  }

  put(file: Omit<LibraryFile, "sha256" | "createdMs" | "updatedMs">): LibraryFile {
    const now = this.clock.now();
    const previous = this.get(file.fileName);
    const stored: LibraryFile = {
      ...file,
      sha256: sha256Hex(file.content),
      createdMs: previous?.createdMs ?? now,
      updatedMs: now,
    };
    this.files.set(file.fileName.toLowerCase(), stored);
    this.changes++;
    return stored;
  }

  delete(fileName: string): boolean {
    const ok = this.files.delete(fileName.toLowerCase());
    if (ok) this.changes++;
    return ok;
  }

  /** Property order of the "List library files" example. */
  json(f: LibraryFile): Record<string, unknown> {
    return {
      fileName: f.fileName,
      sha256: f.sha256,
      description: f.description,
      creationTime: isoTime(f.createdMs),
      lastUpdatedTime: isoTime(f.updatedMs),
      createdBy: f.createdBy,
      hasParameters: f.hasParameters,
      parametersDescription: f.parametersDescription,
    };
  }
}

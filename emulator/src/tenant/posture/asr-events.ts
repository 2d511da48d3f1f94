// ASR hits planted in DeviceEvents: a line-of-business script that the obfuscated-scripts rule flags every working
// day for 30 days (audited where the rule audits, blocked where it blocks), and a few blocks by the Office and
// script rules. Whether a hit reads Audited or Blocked follows the device's configured mode (the event store asks the
// posture); the Adobe Reader and USB rules get no hits at all.
import { DAY_MS, HOUR_MS } from "../../clock";
import type { EventTemplate } from "../../hunting/tables/catalog";
import { Rng } from "../../random";
import type { Device } from "../model";
import { ASR_RULES, asrActionType, type AsrMode } from "./asr-rules";
import type { PlantedAsrEvent } from "./model";

const LOB_FOLDER = "C:\\Program Files\\Contoso\\PayrollSync";
const LOB_SCRIPT = "PayrollSync.ps1";
const rule = (guid: string) => ASR_RULES.find((r) => r.guid === guid)!;
const OBFUSCATED = rule("5beb7efe-fd9a-4556-801d-275e5ffc04cc");
const OFFICE_EXECUTABLE = rule("3b576869-a4ec-4529-8536-b80a7769e899");
const SCRIPT_DOWNLOAD = rule("d3e037e1-3eb8-44c8-a917-57927947596d");

const lobTemplate = (mode: AsrMode): EventTemplate => ({
  table: "DeviceEvents",
  actionType: asrActionType(OBFUSCATED, mode),
  parent: "powershell.exe",
  parentCmd: `powershell.exe -NoProfile -ExecutionPolicy Bypass -File "${LOB_FOLDER}\\${LOB_SCRIPT}"`,
  file: LOB_SCRIPT,
  fields: { FolderPath: `${LOB_FOLDER}\\${LOB_SCRIPT}` },
  weight: 0,
});

const OFFICE_DROP: EventTemplate = {
  table: "DeviceEvents",
  actionType: asrActionType(OFFICE_EXECUTABLE, "block"),
  parent: "WINWORD.EXE",
  file: "invoice_viewer.exe",
  weight: 0,
};

const SCRIPT_LAUNCH: EventTemplate = {
  table: "DeviceEvents",
  actionType: asrActionType(SCRIPT_DOWNLOAD, "block"),
  parent: "wscript.exe",
  parentCmd: 'wscript.exe "C:\\Users\\Public\\Downloads\\shipping_label.js"',
  file: "setup_update.exe",
  weight: 0,
};

export interface AsrPlan {
  events: PlantedAsrEvent[];
  lobApp: { path: string; fileName: string; ruleGuid: string; devices: number[] };
}

export function buildAsrEvents(
  seed: string,
  anchorMs: number,
  machines: Device[],
  modeOf: (d: Device, ruleGuid: string) => AsrMode | null,
): AsrPlan {
  const rng = new Rng(`${seed}:posture-asr`);
  const workstations = machines.filter((d) => d.family === "windows");
  const byMode = (mode: AsrMode) => workstations.filter((d) => modeOf(d, OBFUSCATED.guid) === mode);
  const auditing = byMode("audit");
  const blocking = byMode("block");
  const lobDevices = [
    ...rng.shuffle([...auditing]).slice(0, auditing.length ? Math.max(2, Math.round(auditing.length * 0.03)) : 0),
    ...rng.shuffle([...blocking]).slice(0, 1),
  ];
  const events: PlantedAsrEvent[] = [];
  const startOfAnchorDay = Math.floor(anchorMs / DAY_MS) * DAY_MS;
  for (const d of lobDevices) {
    const template = lobTemplate(modeOf(d, OBFUSCATED.guid)!);
    for (let day = 1; day <= 30; day++) {
      const runs = rng.int(1, 3);
      for (let k = 0; k < runs; k++) {
        const time = startOfAnchorDay - day * DAY_MS + 8 * HOUR_MS + rng.int(0, 10 * 3600) * 1000;
        events.push({ time, device: d.idx, template });
      }
    }
  }
  const blockedSomewhere = (ruleGuid: string) => workstations.filter((d) => modeOf(d, ruleGuid) === "block");
  for (const [template, guid, count] of [
    [OFFICE_DROP, OFFICE_EXECUTABLE.guid, 3],
    [SCRIPT_LAUNCH, SCRIPT_DOWNLOAD.guid, 2],
  ] as const) {
    const candidates = blockedSomewhere(guid);
    for (let k = 0; k < count && candidates.length; k++)
      events.push({
        time: anchorMs - rng.int(1, 20) * DAY_MS - rng.int(0, 86_399) * 1000,
        device: rng.pick(candidates).idx,
        template,
      });
  }
  return {
    events,
    lobApp: {
      path: `${LOB_FOLDER}\\${LOB_SCRIPT}`,
      fileName: LOB_SCRIPT,
      ruleGuid: OBFUSCATED.guid,
      devices: lobDevices.map((d) => d.idx),
    },
  };
}

// Automation (remediation) level per device group. The real value is set in the portal and no documented API
// reads it ("Automation levels in automated investigation and remediation capabilities"); the emulator needs one
// so live response can refuse a device whose group has none, as "Run live response commands on a device" says.
import type { DeviceGroup } from "./model";

export type AutomationLevel =
  | "Full - remediate threats automatically"
  | "Semi - require approval for all folders"
  | "Semi - require approval for core folders remediation"
  | "Semi - require approval for non-temp folders remediation"
  | "No automated response";

const BY_GROUP_NAME: Record<string, AutomationLevel> = {
  Executives: "Semi - require approval for all folders",
  "Servers - Production": "Semi - require approval for core folders remediation",
  // One group without automation, so the refusal can be seen: its devices answer DisallowedOperation.
  "Servers - Development": "No automated response",
};

export function automationLevel(group: DeviceGroup): AutomationLevel {
  return BY_GROUP_NAME[group.name] ?? "Full - remediate threats automatically";
}

export function hasAutomation(group: DeviceGroup): boolean {
  return automationLevel(group) !== "No automated response";
}

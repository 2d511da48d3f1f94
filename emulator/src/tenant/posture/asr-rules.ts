// The attack surface reduction rules the tenant configures: the integration guide's eight (with the names and GUIDs
// of "Attack surface reduction rules reference"; GUID 5beb7efe… is "Block execution of potentially obfuscated
// scripts") plus "Block all Office applications from creating child processes", whose events the hunting tables
// already carry. Settings-catalog ids follow the Intune ASR template (prefix + suffix); DeviceEvents ActionTypes are
// `Asr<stem>Audited` / `Asr<stem>Blocked` ("DeviceEvents" table, ASR section).

export const ASR_SETTING_PREFIX = "device_vendor_msft_policy_config_defender_attacksurfacereductionrules";

export type AsrMode = "off" | "block" | "audit" | "warn";

export interface AsrRule {
  guid: string;
  name: string;
  settingSuffix: string;
  /** ActionType stem: `Asr${stem}Audited` / `Asr${stem}Blocked`. */
  stem: string;
}

export const ASR_RULES: readonly AsrRule[] = [
  {
    guid: "3b576869-a4ec-4529-8536-b80a7769e899",
    name: "Block Office applications from creating executable content",
    settingSuffix: "blockofficeapplicationsfromcreatingexecutablecontent",
    stem: "ExecutableOfficeContent",
  },
  {
    guid: "75668c1f-73b5-4cf0-bb93-3ecf5cb7cc84",
    name: "Block Office applications from injecting code into other processes",
    settingSuffix: "blockofficeapplicationsfrominjectingcodeintootherprocesses",
    stem: "OfficeProcessInjection",
  },
  {
    guid: "d3e037e1-3eb8-44c8-a917-57927947596d",
    name: "Block JavaScript or VBScript from launching downloaded executable content",
    settingSuffix: "blockjavascriptorvbscriptfromlaunchingdownloadedexecutablecontent",
    stem: "ScriptExecutableDownload",
  },
  {
    guid: "9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2",
    name: "Block credential stealing from the Windows local security authority subsystem (lsass.exe)",
    settingSuffix: "blockcredentialstealingfromwindowslocalsecurityauthoritysubsystem",
    stem: "LsassCredentialTheft",
  },
  {
    guid: "e6db77e5-3df2-4cf1-b95a-636979351e5b",
    name: "Block persistence through WMI event subscription",
    settingSuffix: "blockpersistencethroughwmieventsubscription",
    stem: "PersistenceThroughWmi",
  },
  {
    guid: "b2b3f03d-6a65-4f7b-a9c7-1c7ef74a9ba4",
    name: "Block untrusted and unsigned processes that run from USB",
    settingSuffix: "blockuntrustedunsignedprocessesthatrunfromusb",
    stem: "UntrustedUsbProcess",
  },
  {
    guid: "7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c",
    name: "Block Adobe Reader from creating child processes",
    settingSuffix: "blockadobereaderfromcreatingchildprocesses",
    stem: "AdobeReaderChildProcess",
  },
  {
    guid: "5beb7efe-fd9a-4556-801d-275e5ffc04cc",
    name: "Block execution of potentially obfuscated scripts",
    settingSuffix: "blockexecutionofpotentiallyobfuscatedscripts",
    stem: "ObfuscatedScript",
  },
  {
    guid: "d4f940ab-401b-4efc-aadc-ad5f3c50688a",
    name: "Block all Office applications from creating child processes",
    settingSuffix: "blockallofficeapplicationsfromcreatingchildprocesses",
    stem: "OfficeChildProcess",
  },
];

export const ASR_RULE_BY_STEM = new Map(ASR_RULES.map((r) => [r.stem, r]));

const ACTION = /^Asr(\w+?)(Audited|Blocked)$/;

/** `AsrLsassCredentialTheftBlocked` → the rule, or null for any other ActionType. */
export function asrRuleOfAction(actionType: string): AsrRule | null {
  const m = ACTION.exec(actionType);
  return m ? (ASR_RULE_BY_STEM.get(m[1]!) ?? null) : null;
}

/** The ActionType a device reports for a rule hit under a mode (warn is reported as audited until bypassed). */
export function asrActionType(rule: AsrRule, mode: AsrMode): string {
  return `Asr${rule.stem}${mode === "block" ? "Blocked" : "Audited"}`;
}

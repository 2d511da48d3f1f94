// The attack surface reduction rules the console knows by name: the integration guide's eight first, with their
// official names and GUIDs ("Attack surface reduction rules reference", learn.microsoft.com/defender-endpoint/
// attack-surface-reduction-rules-reference). The guide calls 5beb7efe… "Block macro obfuscation in Office files";
// that GUID is "Block execution of potentially obfuscated scripts". Intune's settings catalog names each rule
// `device_vendor_msft_policy_config_defender_attacksurfacereductionrules_<suffix>` with choice values
// `<setting id>_off | _block | _audit | _warn`; DeviceEvents reports hits as `Asr<stem>Audited` / `Asr<stem>Blocked`.

export const ASR_SETTING_PREFIX = "device_vendor_msft_policy_config_defender_attacksurfacereductionrules";

export const ASR_MODES = ["off", "audit", "warn", "block"] as const;
export type AsrMode = (typeof ASR_MODES)[number];

export interface AsrRule {
  guid: string;
  name: string;
  /** One of the integration guide's eight rules. */
  inGuide: boolean;
  settingSuffix: string;
  actionStem: string;
}

const rule = (guid: string, name: string, inGuide: boolean, settingSuffix: string, actionStem: string): AsrRule => ({
  guid,
  name,
  inGuide,
  settingSuffix,
  actionStem,
});

export const ASR_RULES: readonly AsrRule[] = [
  rule(
    "3b576869-a4ec-4529-8536-b80a7769e899",
    "Block Office applications from creating executable content",
    true,
    "blockofficeapplicationsfromcreatingexecutablecontent",
    "ExecutableOfficeContent",
  ),
  rule(
    "75668c1f-73b5-4cf0-bb93-3ecf5cb7cc84",
    "Block Office applications from injecting code into other processes",
    true,
    "blockofficeapplicationsfrominjectingcodeintootherprocesses",
    "OfficeProcessInjection",
  ),
  rule(
    "d3e037e1-3eb8-44c8-a917-57927947596d",
    "Block JavaScript or VBScript from launching downloaded executable content",
    true,
    "blockjavascriptorvbscriptfromlaunchingdownloadedexecutablecontent",
    "ScriptExecutableDownload",
  ),
  rule(
    "9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2",
    "Block credential stealing from the Windows local security authority subsystem (lsass.exe)",
    true,
    "blockcredentialstealingfromwindowslocalsecurityauthoritysubsystem",
    "LsassCredentialTheft",
  ),
  rule(
    "e6db77e5-3df2-4cf1-b95a-636979351e5b",
    "Block persistence through WMI event subscription",
    true,
    "blockpersistencethroughwmieventsubscription",
    "PersistenceThroughWmi",
  ),
  rule(
    "b2b3f03d-6a65-4f7b-a9c7-1c7ef74a9ba4",
    "Block untrusted and unsigned processes that run from USB",
    true,
    "blockuntrustedunsignedprocessesthatrunfromusb",
    "UntrustedUsbProcess",
  ),
  rule(
    "7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c",
    "Block Adobe Reader from creating child processes",
    true,
    "blockadobereaderfromcreatingchildprocesses",
    "AdobeReaderChildProcess",
  ),
  rule(
    "5beb7efe-fd9a-4556-801d-275e5ffc04cc",
    "Block execution of potentially obfuscated scripts",
    true,
    "blockexecutionofpotentiallyobfuscatedscripts",
    "ObfuscatedScript",
  ),
  rule(
    "d4f940ab-401b-4efc-aadc-ad5f3c50688a",
    "Block all Office applications from creating child processes",
    false,
    "blockallofficeapplicationsfromcreatingchildprocesses",
    "OfficeChildProcess",
  ),
];

const BY_SETTING = new Map(ASR_RULES.map((r) => [`${ASR_SETTING_PREFIX}_${r.settingSuffix}`, r]));

/** A settings-catalog choice (setting id, chosen value) → the rule and its mode, or null for any other setting. */
export function asrChoice(settingId: string, value: string): { rule: AsrRule; mode: AsrMode } | null {
  const r = BY_SETTING.get(settingId.toLowerCase());
  if (!r || !value.toLowerCase().startsWith(`${settingId.toLowerCase()}_`)) return null;
  const mode = value.slice(settingId.length + 1).toLowerCase();
  return (ASR_MODES as readonly string[]).includes(mode) ? { rule: r, mode: mode as AsrMode } : null;
}

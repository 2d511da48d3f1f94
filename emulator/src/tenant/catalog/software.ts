// Software the generated devices run (TVM product ids are `{vendor}-_-{product}`, "Software methods and properties").
import type { OsFamily, SoftwareProduct } from "../model";

type Entry = [
  vendor: string,
  product: string,
  displayName: string,
  families: OsFamily[],
  versions: string[],
  prevalence: number,
  isOs?: boolean,
];

const ENTRIES: Entry[] = [
  [
    "microsoft",
    "windows_11",
    "Windows 11",
    ["windows"],
    ["10.0.22631.3880", "10.0.22631.4169", "10.0.26100.1742", "10.0.26100.2033"],
    1,
    true,
  ],
  [
    "microsoft",
    "windows_10",
    "Windows 10",
    ["windows"],
    ["10.0.19045.4651", "10.0.19045.4894", "10.0.19045.5011"],
    1,
    true,
  ],
  [
    "microsoft",
    "windows_server_2022",
    "Windows Server 2022",
    ["server"],
    ["10.0.20348.2582", "10.0.20348.2700"],
    1,
    true,
  ],
  [
    "microsoft",
    "windows_server_2019",
    "Windows Server 2019",
    ["server"],
    ["10.0.17763.6054", "10.0.17763.6293"],
    1,
    true,
  ],
  ["apple", "macos", "macOS", ["macos"], ["14.5", "14.6.1", "15.0.1"], 1, true],
  ["canonical", "ubuntu_linux", "Ubuntu Linux", ["linux"], ["22.04", "24.04"], 1, true],
  ["apple", "ios", "iOS", ["ios"], ["17.5.1", "17.6.1", "18.0.1"], 1, true],
  ["google", "android", "Android", ["android"], ["13", "14"], 1, true],
  [
    "microsoft",
    "edge_chromium-based",
    "Microsoft Edge",
    ["windows", "server", "macos"],
    ["127.0.2651.98", "128.0.2739.79", "129.0.2792.65"],
    0.95,
  ],
  ["microsoft", "office", "Microsoft 365 Apps", ["windows", "macos"], ["16.0.17726.20160", "16.0.17928.20156"], 0.9],
  [
    "microsoft",
    "teams",
    "Microsoft Teams",
    ["windows", "macos"],
    ["24193.1805.3040.8975", "24243.1309.3132.617"],
    0.85,
  ],
  ["microsoft", "onedrive", "OneDrive", ["windows", "macos"], ["24.161.0811.0001", "24.180.0905.0002"], 0.85],
  [
    "google",
    "chrome",
    "Google Chrome",
    ["windows", "macos", "linux"],
    ["126.0.6478.127", "127.0.6533.120", "129.0.6668.90"],
    0.6,
  ],
  ["mozilla", "firefox", "Mozilla Firefox", ["windows", "macos", "linux"], ["127.0.2", "128.0.3", "130.0.1"], 0.25],
  ["adobe", "acrobat_reader_dc", "Adobe Acrobat Reader", ["windows", "macos"], ["24.002.20933", "24.003.20112"], 0.55],
  ["oracle", "jre", "Java Runtime Environment", ["windows", "server", "linux"], ["8.0.411", "8.0.421", "17.0.11"], 0.3],
  ["7-zip", "7-zip", "7-Zip", ["windows", "server"], ["23.01", "24.07"], 0.35],
  ["notepad-plus-plus", "notepad++", "Notepad++", ["windows"], ["8.6.7", "8.6.9"], 0.25],
  ["zoom", "zoom", "Zoom Workplace", ["windows", "macos"], ["6.1.1", "6.2.0"], 0.35],
  ["vmware", "tools", "VMware Tools", ["server"], ["12.3.5", "12.4.0"], 0.5],
  ["python", "python", "Python", ["windows", "macos", "linux"], ["3.11.9", "3.12.4"], 0.2],
  ["git-scm", "git", "Git", ["windows", "macos", "linux"], ["2.45.1", "2.46.0"], 0.2],
  ["openssl", "openssl", "OpenSSL", ["linux", "server"], ["3.0.2", "3.0.13"], 0.8],
  ["openbsd", "openssh", "OpenSSH", ["linux", "macos"], ["8.9p1", "9.6p1"], 0.9],
  ["apache", "log4j", "Apache Log4j", ["linux", "server"], ["2.14.1", "2.17.1"], 0.15],
  ["apache", "http_server", "Apache HTTP Server", ["linux"], ["2.4.52", "2.4.58"], 0.3],
  ["nodejs", "node.js", "Node.js", ["windows", "macos", "linux"], ["18.20.3", "20.15.1"], 0.15],
  ["putty", "putty", "PuTTY", ["windows"], ["0.79", "0.81"], 0.15],
  ["rarlab", "winrar", "WinRAR", ["windows"], ["6.23", "7.01"], 0.15],
  ["videolan", "vlc_media_player", "VLC media player", ["windows", "macos"], ["3.0.20", "3.0.21"], 0.2],
  ["slack", "slack", "Slack", ["windows", "macos"], ["4.38.125", "4.39.95"], 0.2],
  ["docker", "docker_desktop", "Docker Desktop", ["windows", "macos"], ["4.31.1", "4.33.0"], 0.1],
  ["haxx", "curl", "curl", ["linux", "macos"], ["7.81.0", "8.5.0"], 0.9],
  ["sudo_project", "sudo", "sudo", ["linux", "macos"], ["1.9.9", "1.9.15p5"], 0.95],
  ["microsoft", "sql_server_2019", "SQL Server 2019", ["server"], ["15.0.4375.4", "15.0.4385.2"], 0.25],
  ["microsoft", ".net_framework", ".NET Framework", ["windows", "server"], ["4.8.09032", "4.8.1"], 0.9],
  ["microsoft", "exchange_server_2019", "Exchange Server 2019", ["server"], ["15.2.1544.4"], 0.05],
  ["google", "chrome_mobile", "Chrome for Android", ["android"], ["127.0.6533.103", "129.0.6668.81"], 0.6],
  ["apple", "safari", "Safari", ["macos", "ios"], ["17.5", "18.0"], 1],
];

export const SOFTWARE: readonly SoftwareProduct[] = ENTRIES.map(
  ([vendor, product, displayName, families, versions, prevalence, isOs], idx) => ({
    idx,
    vendor,
    product,
    displayName,
    families,
    versions,
    prevalence,
    isOs: isOs === true,
    kbFixes:
      vendor === "microsoft" &&
      families.some((f) => f === "windows" || f === "server") &&
      product !== "edge_chromium-based",
  }),
);

export const OS_PRODUCT: Record<string, string> = {
  Windows11: "windows_11",
  Windows10: "windows_10",
  WindowsServer2022: "windows_server_2022",
  WindowsServer2019: "windows_server_2019",
  macOS: "macos",
  Linux: "ubuntu_linux",
  iOS: "ios",
  Android: "android",
};

export const VULN_TITLES: Record<string, string[]> = {
  default: [
    "Remote code execution vulnerability",
    "Elevation of privilege vulnerability",
    "Information disclosure vulnerability",
    "Security feature bypass vulnerability",
    "Denial of service vulnerability",
    "Memory corruption vulnerability",
    "Spoofing vulnerability",
  ],
};

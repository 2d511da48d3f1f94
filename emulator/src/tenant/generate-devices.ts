// Employees and devices: MDE machines across Windows/macOS/Linux/iOS/Android in device groups,
// with Intune records for most endpoints, ~5% MDE-only (servers, Linux) and ~8% Intune-only.
import { Rng, mix32 } from "../random";
import { DAY_MS, HOUR_MS } from "../clock";
import { DEVICE_GROUPS, DEPARTMENT_FOR_GROUP, GIVEN_NAMES, SURNAMES } from "./catalog/names";
import { OS_PRODUCT, SOFTWARE } from "./catalog/software";
import type { Device, DeviceGroup, Employee, IntuneRecord, OsFamily } from "./model";

export const DOMAIN = "contoso.example";

export function generateEmployees(seed: string, count: number): Employee[] {
  const rng = new Rng(`${seed}:employees`);
  const used = new Set<string>();
  const out: Employee[] = [];
  for (let idx = 0; idx < count; idx++) {
    const given = rng.pick(GIVEN_NAMES);
    const surname = rng.pick(SURNAMES);
    let local = `${given}.${surname}`.toLowerCase();
    for (let n = 2; used.has(local); n++) local = `${given}.${surname}${n}`.toLowerCase();
    used.add(local);
    out.push({
      idx,
      upn: `${local}@${DOMAIN}`,
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      accountName: local.replace(".", "").slice(0, 20),
      sid: `S-1-5-21-1004336348-1177238915-682003330-${1100 + idx}`,
      aadUserId: rng.guid(),
      department: "",
    });
  }
  return out;
}

interface OsChoice {
  platform: string;
  family: OsFamily;
  type: string;
}

const OS_CHOICES: Record<string, readonly (readonly [OsChoice, number])[]> = {
  endpoint: [
    [{ platform: "Windows11", family: "windows", type: "lt" }, 48],
    [{ platform: "Windows11", family: "windows", type: "ws" }, 10],
    [{ platform: "Windows10", family: "windows", type: "lt" }, 18],
    [{ platform: "Windows10", family: "windows", type: "ws" }, 7],
    [{ platform: "macOS", family: "macos", type: "mac" }, 13],
    [{ platform: "Linux", family: "linux", type: "lnx" }, 2],
  ],
  server: [
    [{ platform: "WindowsServer2022", family: "server", type: "app" }, 30],
    [{ platform: "WindowsServer2022", family: "server", type: "sql" }, 10],
    [{ platform: "WindowsServer2019", family: "server", type: "dc" }, 8],
    [{ platform: "WindowsServer2019", family: "server", type: "fs" }, 10],
    [{ platform: "Linux", family: "linux", type: "web" }, 30],
    [{ platform: "Linux", family: "linux", type: "k8s" }, 12],
  ],
  mobile: [
    [{ platform: "iOS", family: "ios", type: "iph" }, 55],
    [{ platform: "Android", family: "android", type: "and" }, 45],
  ],
};

const OS_VERSIONS: Record<string, readonly (readonly [version: string, build: number | null, full: string])[]> = {
  Windows11: [
    ["23H2", 22631, "10.0.22631.3880"],
    ["23H2", 22631, "10.0.22631.4169"],
    ["24H2", 26100, "10.0.26100.1742"],
    ["24H2", 26100, "10.0.26100.2033"],
  ],
  Windows10: [
    ["22H2", 19045, "10.0.19045.4651"],
    ["22H2", 19045, "10.0.19045.4894"],
    ["22H2", 19045, "10.0.19045.5011"],
  ],
  WindowsServer2022: [
    ["21H2", 20348, "10.0.20348.2582"],
    ["21H2", 20348, "10.0.20348.2700"],
  ],
  WindowsServer2019: [
    ["1809", 17763, "10.0.17763.6054"],
    ["1809", 17763, "10.0.17763.6293"],
  ],
  macOS: [
    ["14.5", null, "14.5"],
    ["14.6.1", null, "14.6.1"],
    ["15.0.1", null, "15.0.1"],
  ],
  Linux: [
    ["22.04", null, "22.04"],
    ["24.04", null, "24.04"],
  ],
  iOS: [
    ["17.5.1", null, "17.5.1"],
    ["17.6.1", null, "17.6.1"],
    ["18.0.1", null, "18.0.1"],
  ],
  Android: [
    ["13", null, "13"],
    ["14", null, "14"],
  ],
};

const HEALTH: readonly (readonly [string, number])[] = [
  ["Active", 86],
  ["Inactive", 7],
  ["ImpairedCommunication", 3],
  ["NoSensorData", 2],
  ["NoSensorDataImpairedCommunication", 1],
  ["Unknown", 1],
];

const EGRESS_IPS = ["203.0.113.10", "203.0.113.11", "198.51.100.20", "198.51.100.21", "192.0.2.80"];

const HARDWARE: Record<OsFamily, readonly (readonly [string, string])[]> = {
  windows: [
    ["Microsoft Corporation", "Surface Laptop 5"],
    ["Dell Inc.", "Latitude 7440"],
    ["LENOVO", "ThinkPad T14 Gen 4"],
    ["HP", "EliteBook 840 G10"],
    ["Dell Inc.", "OptiPlex 7010"],
  ],
  server: [
    ["VMware, Inc.", "VMware7,1"],
    ["Microsoft Corporation", "Virtual Machine"],
    ["Dell Inc.", "PowerEdge R650"],
  ],
  macos: [
    ["Apple", "MacBookPro18,3"],
    ["Apple", "Mac14,2"],
    ["Apple", "MacBookAir10,1"],
  ],
  linux: [
    ["Dell Inc.", "Precision 5570"],
    ["QEMU", "Standard PC (Q35 + ICH9, 2009)"],
  ],
  ios: [
    ["Apple", "iPhone 14"],
    ["Apple", "iPhone 15 Pro"],
    ["Apple", "iPad Air (5th generation)"],
  ],
  android: [
    ["samsung", "SM-S911B"],
    ["Google", "Pixel 8"],
    ["motorola", "moto g54 5G"],
  ],
};

function macAddress(rng: Rng): string {
  return rng.hex(12).toUpperCase().match(/../g)!.join("-");
}

function agentVersion(family: OsFamily, rng: Rng): string {
  switch (family) {
    case "windows":
    case "server":
      return `10.8760.${rng.pick(["22621", "26100", "19041", "20348"])}.${rng.int(1000, 1200)}`;
    case "macos":
      return `101.24${rng.int(62, 92)}.00${rng.int(10, 20)}`;
    case "linux":
      return `101.24${rng.int(52, 82)}.00${rng.int(1, 9)}`;
    default:
      return `1.0.${rng.int(6200, 6999)}.0101`;
  }
}

function intuneRecord(
  rng: Rng,
  device: Pick<Device, "family" | "osPlatform" | "lastSeenMs" | "firstSeenMs" | "mac">,
  anchorMs: number,
): IntuneRecord {
  const fam = device.family;
  const [manufacturer, model] = rng.pick(HARDWARE[fam]);
  const mobile = fam === "ios" || fam === "android";
  const complianceState = rng.weighted([
    ["compliant", 80],
    ["noncompliant", 11],
    ["inGracePeriod", 4],
    ["unknown", 2],
    ["error", 1],
    ["conflict", 1],
    ["configManager", 1],
  ] as const);
  const enrollmentType =
    fam === "windows"
      ? rng.weighted([
          ["windowsAzureADJoin", 70],
          ["windowsAutoEnrollment", 20],
          ["windowsCoManagement", 10],
        ] as const)
      : fam === "ios" || fam === "macos"
        ? rng.weighted([
            ["appleBulkWithUser", 70],
            ["userEnrollment", 30],
          ] as const)
        : fam === "android"
          ? rng.weighted([
              ["userEnrollment", 60],
              ["deviceEnrollmentManager", 40],
            ] as const)
          : "unknown";
  const total = mobile ? rng.pick([128, 256]) * 1_073_741_824 : rng.pick([256, 512, 1024]) * 1_073_741_824;
  return {
    id: rng.guid(),
    complianceState,
    // Encryption tracks compliance: most non-compliant devices fail the BitLocker/FileVault rule.
    isEncrypted: complianceState === "noncompliant" ? rng.chance(0.4) : rng.chance(0.96),
    lastSyncMs: Math.min(anchorMs, device.lastSeenMs + rng.int(-6, 6) * HOUR_MS),
    enrolledMs: device.firstSeenMs - rng.int(0, 20) * DAY_MS,
    managementAgent:
      fam === "windows" && enrollmentType === "windowsCoManagement" ? "configurationManagerClientMdm" : "mdm",
    ownerType:
      fam === "android" && rng.chance(0.3) ? "personal" : fam === "ios" && rng.chance(0.2) ? "personal" : "company",
    enrollmentType,
    model,
    manufacturer,
    serialNumber: rng.hex(10).toUpperCase(),
    totalStorage: total,
    freeStorage: Math.floor(total * (0.15 + rng.next() * 0.6)),
    partnerReportedThreatState: mobile
      ? rng.weighted([
          ["secured", 80],
          ["lowSeverity", 8],
          ["mediumSeverity", 5],
          ["highSeverity", 2],
          ["unknown", 5],
        ] as const)
      : "unknown",
    jailBroken: fam === "ios" ? (rng.chance(0.01) ? "True" : "False") : mobile ? "False" : "Unknown",
    wiFiMac: rng.hex(12).toLowerCase(),
    ethernetMac: mobile ? "" : device.mac.replace(/-/g, "").toLowerCase(),
    imei: mobile && rng.chance(0.8) ? String(rng.int(350000000, 359999999)) + String(rng.int(100000, 999999)) : "",
    phoneNumber: mobile && rng.chance(0.6) ? `+1425555${String(rng.int(1000, 9999))}` : "",
    androidSecurityPatchLevel: fam === "android" ? rng.pick(["2024-08-01", "2024-09-01", "2024-10-01"]) : "",
    physicalMemory: (mobile ? rng.pick([6, 8]) : rng.pick([8, 16, 32])) * 1_073_741_824,
  };
}

export interface DeviceSet {
  machines: Device[];
  managedDevices: Device[];
  groups: DeviceGroup[];
}

export function generateDevices(seed: string, count: number, employees: Employee[], anchorMs: number): DeviceSet {
  const rng = new Rng(`${seed}:devices`);
  const groups: DeviceGroup[] = DEVICE_GROUPS.map(({ id, name, prefix, subnet }) => ({ id, name, prefix, subnet }));
  const groupWeights = DEVICE_GROUPS.map((g, i) => [i, g.weight] as const);
  const counters = new Map<string, number>();
  let employeeCursor = 0;

  const make = (idx: number, inMde: boolean): Device => {
    const group = groups[rng.weighted(groupWeights)]!;
    const kind =
      group.prefix === "srv" || group.prefix === "dev" ? "server" : group.prefix === "mob" ? "mobile" : "endpoint";
    let choice = rng.weighted(OS_CHOICES[kind]!);
    // Intune-only devices are endpoints waiting for onboarding, never servers or Linux.
    if (!inMde && (choice.family === "server" || choice.family === "linux"))
      choice = { platform: "Windows11", family: "windows", type: "lt" };
    const key = `${group.prefix}-${choice.type}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const hostName = `${key}-${String(n).padStart(4, "0")}`;
    const [version, osBuild, osVersionFull] = rng.pick(OS_VERSIONS[choice.platform]!);
    const healthStatus = rng.weighted(HEALTH);
    const firstSeenMs = anchorMs - rng.int(30, 900) * DAY_MS - rng.int(0, 86_399) * 1000;
    const lastSeenMs =
      healthStatus === "Active"
        ? anchorMs - rng.int(5, 20 * 60) * 60_000
        : healthStatus === "Inactive"
          ? anchorMs - rng.int(8, 90) * DAY_MS
          : anchorMs - rng.int(1, 10) * DAY_MS;
    const family = choice.family;
    const isEndpoint = family === "windows" || family === "macos" || family === "ios" || family === "android";
    const aadJoined =
      family === "windows" ||
      family === "macos" ||
      family === "ios" ||
      family === "android" ||
      (family === "server" && rng.chance(0.3));
    const tags: string[] = [];
    if (group.prefix === "exec") tags.push("VIP");
    if (group.prefix === "fin" && rng.chance(0.3)) tags.push("PCI");
    if (isEndpoint && rng.chance(0.05)) tags.push("Contractor");
    if (family === "windows" && rng.chance(0.1)) tags.push("Pilot ring");
    if (choice.type === "dc") tags.push("Tier0", "DomainController");
    if (family === "server" && choice.type === "sql") tags.push("Tier1");
    if (group.prefix === "dev") tags.push("Non-production");
    const primaryUser = isEndpoint && employees.length ? employeeCursor++ % employees.length : -1;
    const mac = macAddress(rng);
    const device: Device = {
      idx: inMde ? idx : -1,
      id: inMde ? rng.hex(40) : "",
      hostName,
      dnsName: `${hostName}.${DOMAIN}`,
      osPlatform: choice.platform,
      family,
      version,
      osBuild,
      osVersionFull,
      group,
      firstSeenMs,
      lastSeenMs: Math.max(firstSeenMs, lastSeenMs),
      healthStatus: inMde ? healthStatus : "Unknown",
      onboardingStatus: inMde ? (rng.chance(0.015) ? "CanBeOnboarded" : "Onboarded") : "CanBeOnboarded",
      riskScore: "None",
      exposureLevel: "None",
      deviceValue: tags.includes("VIP") || tags.includes("Tier0") ? "High" : "Normal",
      aadDeviceId: aadJoined ? rng.guid() : null,
      isAadJoined: aadJoined,
      machineTags: tags,
      lastIp: `10.${group.subnet}.${rng.int(0, 255)}.${rng.int(2, 254)}`,
      lastExternalIp: family === "server" || family === "linux" ? "203.0.113.5" : rng.pick(EGRESS_IPS),
      mac,
      agentVersion: agentVersion(family, rng),
      defenderAvStatus:
        family === "ios" || family === "android"
          ? "NotSupported"
          : rng.weighted([
              ["Updated", 86],
              ["NotUpdated", 10],
              ["Disabled", 2],
              ["NotReporting", 2],
            ] as const),
      managedBy: "MDE",
      managedByStatus: "Unknown",
      osArchitecture: "64-bit",
      primaryUser,
      inMde,
      intune: null,
      isolation: null,
      codeRestricted: false,
      alertIdxs: [],
      software: [],
    };
    if (primaryUser >= 0) employees[primaryUser]!.department ||= DEPARTMENT_FOR_GROUP[group.name] ?? "";
    // ~97% of endpoints are Intune-enrolled; servers and Linux are MDE-only (issue item 4).
    if (isEndpoint && (!inMde || rng.chance(0.97))) {
      device.intune = intuneRecord(rng, device, anchorMs);
      device.managedBy = "Intune";
      device.managedByStatus = "Success";
    }
    device.software = installedSoftware(device);
    return device;
  };

  const machines: Device[] = [];
  for (let i = 0; i < count; i++) machines.push(make(i, true));
  const intuneOnlyCount = Math.round(count * 0.087);
  const intuneOnly: Device[] = [];
  for (let i = 0; i < intuneOnlyCount; i++) intuneOnly.push(make(i, false));
  // Graph order: enrolment order, MDE-linked and Intune-only devices interleaved.
  const managedDevices = [...machines.filter((m) => m.intune), ...intuneOnly].sort(
    (a, b) => a.intune!.enrolledMs - b.intune!.enrolledMs,
  );
  return { machines, managedDevices, groups };
}

function installedSoftware(device: Device): number[] {
  const out: number[] = [];
  const osProduct = OS_PRODUCT[device.osPlatform];
  const seedBase = mix32(
    device.hostName.length,
    device.lastIp.charCodeAt(device.lastIp.length - 1),
    device.firstSeenMs % 100_000,
  );
  for (const s of SOFTWARE) {
    if (s.isOs) {
      if (s.product === osProduct) out.push(s.idx);
      continue;
    }
    if (!s.families.includes(device.family)) continue;
    if (mix32(seedBase, s.idx, device.mac.charCodeAt(3)) / 4294967296 < s.prevalence) out.push(s.idx);
  }
  return out;
}

import { cacheTenantId } from "../cache/tenant";
import { db } from "../db";
import { getAsrAdvisor } from "./asr";
import { getPostureSummary, listPostureTrend } from "./summary";
import {
  postureDevicesHref,
  type AsrAdvisor,
  type ChecklistItem,
  type ChecklistState,
  type PostureReport,
  type PostureSummary,
  type TroubleshootingIssue,
} from "./schemas";

// The guide's troubleshooting table and implementation checklist, worked out from the cache: each item says what the
// data shows (with the devices behind it) or that Microsoft's APIs cannot tell. Nothing here calls Microsoft.

const DAY_MS = 86_400_000;
const INACTIVE_AFTER_MS = 7 * DAY_MS;
/** How many blocks of one app make "ASR blocks repeating on one app" (the guide's "ASR causing app crash"). */
const REPEATED_BLOCKS = 3;

const LEARN = "https://learn.microsoft.com";
const DOCS = {
  connector: `${LEARN}/intune/intune-service/protect/advanced-threat-protection-configure`,
  edrPolicy: `${LEARN}/intune/intune-service/protect/endpoint-security-edr-policy`,
  mac: `${LEARN}/defender-endpoint/mac-install-with-intune`,
  mobile: `${LEARN}/defender-endpoint/mobile-endpoints-configure`,
  antivirus: `${LEARN}/intune/intune-service/protect/endpoint-security-antivirus-policy`,
  tamper: `${LEARN}/defender-endpoint/prevent-changes-to-security-settings-with-tamper-protection`,
  deviceControl: `${LEARN}/defender-endpoint/device-control-overview`,
  edrBlock: `${LEARN}/defender-endpoint/edr-in-block-mode`,
  automation: `${LEARN}/defender-endpoint/automation-levels`,
  playbooks: `${LEARN}/security/operations/incident-response-playbooks`,
  liveResponse: `${LEARN}/defender-endpoint/live-response`,
  sensorHealth: `${LEARN}/defender-endpoint/fix-unhealthy-sensors`,
  plans: `${LEARN}/defender-endpoint/defender-endpoint-plan-1`,
} as const;

interface Facts {
  desktopNotOnboarded: number;
  sensorInactive: number;
  edrPolicies: number;
  edrPoliciesAssigned: number;
  avPolicyWithCloud: number;
  cloudOff: number;
  deviceControlPolicies: number;
  macDevices: number;
  macMissingProfiles: number;
  macProfilePolicies: number;
  mobileDevices: number;
  mobileReporting: number;
  edrBlocked: number;
  enabledNotificationRules: number;
  openRemediationRequests: number;
  sharedHuntingQueries: number;
}

const MAC_PROFILE_SETTINGS = ["%systempolicyallfiles%", "%system-extension-policy%"];

async function facts(now: Date): Promise<Facts> {
  // A Mac is covered when a policy carrying each of the two profiles (Full Disk Access, system extensions) reaches it.
  const reaches = (pattern: string) => `EXISTS (SELECT 1 FROM "PosturePolicy" p
      WHERE p."tenantId" = $1 AND p.kind = 'configuration' AND lower(COALESCE(p.platforms, '')) LIKE '%macos%'
        AND EXISTS (SELECT 1 FROM unnest(p."settingIds") s WHERE lower(s) LIKE '${pattern}')
        AND ('allDevices' = ANY(p."groupIds") OR EXISTS (SELECT 1 FROM "PostureGroupMember" m
          WHERE m."tenantId" = $1 AND m."aadDeviceId" = d."aadDeviceId" AND m."groupId" = ANY(p."groupIds"))))`;
  const [row] = await db().$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT
      (SELECT COUNT(*) FROM "Device" d WHERE d."tenantId" = $1 AND d."inIntune" AND d."intuneMissingSince" IS NULL
         AND NOT d."inMde" AND d.platform IN ('Windows', 'macOS'))::int AS "desktopNotOnboarded",
      (SELECT COUNT(*) FROM "Device" d WHERE d."tenantId" = $1 AND d."inMde" AND (COALESCE(d."healthStatus", '') <> 'Active'
         OR d."lastSeen" IS NULL OR d."lastSeen" < $2::timestamp))::int AS "sensorInactive",
      (SELECT COUNT(*) FROM "PosturePolicy" p WHERE p."tenantId" = $1
         AND p."templateFamily" = 'endpointSecurityEndpointDetectionAndResponse')::int AS "edrPolicies",
      (SELECT COUNT(*) FROM "PosturePolicy" p WHERE p."tenantId" = $1
         AND p."templateFamily" = 'endpointSecurityEndpointDetectionAndResponse' AND cardinality(p."groupIds") > 0)::int AS "edrPoliciesAssigned",
      (SELECT COUNT(*) FROM "PosturePolicy" p WHERE p."tenantId" = $1 AND p."templateFamily" = 'endpointSecurityAntivirus'
         AND EXISTS (SELECT 1 FROM unnest(p."settingIds") s WHERE lower(s) LIKE '%allowcloudprotection%'))::int AS "avPolicyWithCloud",
      (SELECT COUNT(*) FROM "DeviceAvHealth" a WHERE a."tenantId" = $1 AND a."cloudCompliant" = false)::int AS "cloudOff",
      (SELECT COUNT(*) FROM "PosturePolicy" p WHERE p."tenantId" = $1 AND EXISTS (SELECT 1 FROM unnest(p."settingIds") s
         WHERE lower(s) LIKE '%devicecontrol%' OR lower(s) LIKE '%removablestorage%' OR lower(s) LIKE '%deviceinstallation%'))::int
         AS "deviceControlPolicies",
      (SELECT COUNT(*) FROM "Device" d WHERE d."tenantId" = $1 AND d.platform = 'macOS' AND d."inIntune"
         AND d."intuneMissingSince" IS NULL)::int AS "macDevices",
      (SELECT COUNT(*) FROM "Device" d WHERE d."tenantId" = $1 AND d.platform = 'macOS' AND d."inIntune"
         AND d."intuneMissingSince" IS NULL AND NOT (${reaches(MAC_PROFILE_SETTINGS[0]!)} AND ${reaches(MAC_PROFILE_SETTINGS[1]!)}))::int
         AS "macMissingProfiles",
      (SELECT COUNT(*) FROM "PosturePolicy" p WHERE p."tenantId" = $1 AND lower(COALESCE(p.platforms, '')) LIKE '%macos%'
         AND EXISTS (SELECT 1 FROM unnest(p."settingIds") s WHERE lower(s) LIKE '%systempolicyallfiles%' OR lower(s) LIKE '%system-extension-policy%'))::int
         AS "macProfilePolicies",
      (SELECT COUNT(*) FROM "Device" d WHERE d."tenantId" = $1 AND d.platform IN ('iOS', 'Android') AND d."inIntune"
         AND d."intuneMissingSince" IS NULL)::int AS "mobileDevices",
      (SELECT COUNT(*) FROM "PostureDeviceState" s JOIN "Device" d ON d."tenantId" = s."tenantId" AND d."intuneDeviceId" = s.subject
         WHERE s."tenantId" = $1 AND s.kind = 'mobileThreat' AND s.state NOT IN ('unknown', 'unavailable', 'notReporting'))::int AS "mobileReporting",
      (SELECT COUNT(*) FROM "DeviceAvHealth" a WHERE a."tenantId" = $1 AND a."avMode" = '4')::int AS "edrBlocked",
      (SELECT COUNT(*) FROM "NotificationRule" r WHERE r."tenantId" = $1 AND r.enabled)::int AS "enabledNotificationRules",
      (SELECT COUNT(*) FROM "RemediationRequest" r WHERE r."tenantId" = $1 AND r."closedAt" IS NULL)::int AS "openRemediationRequests",
      (SELECT COUNT(*) FROM "HuntingQuery" q WHERE q."tenantId" = $1 AND q.shared)::int AS "sharedHuntingQueries"`,
    cacheTenantId(),
    new Date(now.getTime() - INACTIVE_AFTER_MS).toISOString(),
  );
  return row as unknown as Facts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const byShare = (bad: number, total: number): ChecklistState =>
  total === 0 ? "cannotTell" : bad === 0 ? "done" : bad < total ? "partly" : "notDone";

function checklist(s: PostureSummary, f: Facts, asr: AsrAdvisor): ChecklistItem[] {
  const p2 = s.plan === "p2" || s.plan === "none";
  const planNote = "Not in this tenant's plan: Defender for Endpoint Plan 2 adds it.";
  const connector = s.connectors.find((c) => c.isDefender) ?? null;
  const guide = s.asr.filter((r) => r.inGuide);
  const configured = guide.filter((r) => r.policies.length > 0);
  const blocked = guide.filter((r) => r.policies.length > 0 && r.policies.every((p) => p.mode === "block"));
  const safeNow = asr.advice.filter((a) => a.inGuide && a.verdict === "safe").length;
  const passive = s.figures.passiveMode;
  const item = (i: ChecklistItem) => i;
  return [
    item({
      id: "connector",
      section: "Onboarding",
      title: "MDE connector enabled in Intune",
      state: !connector
        ? "notDone"
        : connector.partnerState === "enabled" && !connector.heartbeatLate
          ? "done"
          : connector.partnerState === "enabled"
            ? "partly"
            : "notDone",
      evidence: !connector
        ? "No Microsoft Defender for Endpoint connector is listed by Intune."
        : `Connector ${connector.partnerState ?? "state unknown"}; last heartbeat ${connector.lastHeartbeatAt ?? "never"}${connector.heartbeatLate ? " (over 24 hours ago)" : ""}.`,
      href: "/posture#coverage",
      hrefLabel: "Coverage",
    }),
    item({
      id: "edr-policy",
      section: "Onboarding",
      title: "Windows onboarding EDR policy created and assigned",
      state: f.edrPoliciesAssigned > 0 ? "done" : f.edrPolicies > 0 ? "partly" : "notDone",
      evidence: `${plural(f.edrPolicies, "endpoint detection and response policy")}, ${f.edrPoliciesAssigned} assigned.`,
      href: DOCS.edrPolicy,
      hrefLabel: "EDR policy in Intune",
    }),
    item({
      id: "macos-profiles",
      section: "Onboarding",
      title: "macOS onboarding profiles deployed (system extensions, PPPC)",
      state:
        f.macDevices === 0
          ? "cannotTell"
          : f.macProfilePolicies === 0
            ? "notDone"
            : byShare(f.macMissingProfiles, f.macDevices),
      evidence:
        f.macDevices === 0
          ? "No Macs enrolled in Intune."
          : `${f.macMissingProfiles} of ${plural(f.macDevices, "Mac")} lack the Full Disk Access or system extension profile.`,
      href: "/posture#troubleshooting",
      hrefLabel: "macOS issue",
    }),
    item({
      id: "mobile-app",
      section: "Onboarding",
      title: "iOS/Android MDE app deployed via Intune",
      state: byShare(f.mobileDevices - Math.min(f.mobileReporting, f.mobileDevices), f.mobileDevices),
      evidence:
        f.mobileDevices === 0
          ? "No iOS or Android devices enrolled in Intune."
          : `${f.mobileReporting} of ${plural(f.mobileDevices, "mobile device")} report a threat level through the MTD connector (the app reports it).`,
      href: "/posture#mobile",
      hrefLabel: "Mobile threat defense",
    }),
    item({
      id: "visible-24h",
      section: "Onboarding",
      title: "All onboarded devices visible in MDE portal within 24h",
      state: f.desktopNotOnboarded === 0 ? "done" : "notDone",
      evidence: `${plural(f.desktopNotOnboarded, "Windows or macOS device")} enrolled in Intune but absent from Defender (Intune does not report enrolment age through this API, so the 24 hours are counted from the console's syncs).`,
      href: postureDevicesHref("enrolledNotOnboarded"),
      hrefLabel: "Devices",
    }),
    item({
      id: "antivirus-cloud",
      section: "Protection policies",
      title: "Antivirus policy with cloud protection enabled",
      state: f.avPolicyWithCloud === 0 ? "notDone" : f.cloudOff > 0 ? "partly" : "done",
      evidence: `${plural(f.avPolicyWithCloud, "antivirus policy")} set cloud-delivered protection; ${plural(f.cloudOff, "device")} report it off.`,
      href: DOCS.antivirus,
      hrefLabel: "Antivirus policy",
    }),
    item({
      id: "tamper",
      section: "Protection policies",
      title: "Tamper protection enabled",
      state: byShare(s.figures.tamperProtectionOff, Math.max(s.figures.mdeDevices, s.figures.tamperProtectionOff)),
      evidence: `${plural(s.figures.tamperProtectionOff, "device")} with tamper protection off (Intune or Defender).`,
      href: postureDevicesHref("tamperOff"),
      hrefLabel: "Devices",
    }),
    item({
      id: "asr-audit",
      section: "Protection policies",
      title: "ASR rules deployed in Audit mode",
      state: configured.length === guide.length ? "done" : configured.length > 0 ? "partly" : "notDone",
      evidence: `${configured.length} of the guide's ${guide.length} rules are configured by an Intune policy.`,
      href: "/posture#asr",
      hrefLabel: "ASR rules",
    }),
    item({
      id: "asr-block",
      section: "Protection policies",
      title: "ASR rules reviewed and moved to Block (after 2+ weeks)",
      state: blocked.length === guide.length ? "done" : blocked.length > 0 ? "partly" : "notDone",
      evidence: `${blocked.length} of ${guide.length} rules block everywhere; the advisor finds ${plural(safeNow, "more rule")} safe to block now.`,
      href: "/posture#advisor",
      hrefLabel: "Audit→Block advisor",
    }),
    item({
      id: "device-control",
      section: "Protection policies",
      title: "Device control (USB) policy configured",
      state: f.deviceControlPolicies > 0 ? "done" : "notDone",
      evidence:
        f.deviceControlPolicies > 0
          ? `${plural(f.deviceControlPolicies, "Intune policy")} carry device control or removable storage settings.`
          : "No Intune policy carries device control or removable storage settings.",
      href: DOCS.deviceControl,
      hrefLabel: "Device control",
    }),
    item({
      id: "edr-block",
      section: "Detection and response",
      title: "EDR in block mode enabled",
      state: passive === 0 ? "cannotTell" : f.edrBlocked > 0 ? "partly" : "notDone",
      evidence:
        passive === 0
          ? "Defender reports EDR in block mode only for devices whose antivirus is passive (avMode 4); no device is passive."
          : `${plural(passive, "device")} run antivirus in passive mode without EDR in block mode; ${f.edrBlocked} report EDR block mode.`,
      href: passive === 0 ? DOCS.edrBlock : postureDevicesHref("passiveMode"),
      hrefLabel: passive === 0 ? "EDR in block mode" : "Devices",
    }),
    item({
      id: "air",
      section: "Detection and response",
      title: "AIR automation level configured (Semi-auto minimum)",
      state: "cannotTell",
      evidence: p2
        ? "Device groups' automation levels have no public API: check them in the Defender portal (Settings › Endpoints › Device groups)."
        : planNote,
      href: p2 ? DOCS.automation : DOCS.plans,
      hrefLabel: p2 ? "Automation levels" : "Plan 1 vs Plan 2",
    }),
    item({
      id: "notifications",
      section: "Detection and response",
      title: "Alert notifications configured for SOC team",
      state: f.enabledNotificationRules > 0 ? "done" : "notDone",
      evidence: `${plural(f.enabledNotificationRules, "notification rule")} enabled in this console (Defender's own e-mail rules have no API).`,
      href: "/settings/notifications",
      hrefLabel: "Notifications",
    }),
    item({
      id: "runbook",
      section: "Detection and response",
      title: "Incident response runbook created",
      state: "cannotTell",
      evidence: "A runbook is a document: no API can tell.",
      href: DOCS.playbooks,
      hrefLabel: "Incident response playbooks",
    }),
    item({
      id: "live-response",
      section: "Detection and response",
      title: "Live Response enabled for incident responders",
      state: "cannotTell",
      evidence: p2 ? "The live response setting (Settings › Endpoints › Advanced features) has no read API." : planNote,
      href: p2 ? DOCS.liveResponse : DOCS.plans,
      hrefLabel: p2 ? "Live response" : "Plan 1 vs Plan 2",
    }),
    item({
      id: "tvm-weekly",
      section: "Vulnerability management and hunting",
      title: "TVM dashboard reviewed weekly",
      state: "cannotTell",
      evidence: p2 ? "Whether people review a dashboard is not in any API." : planNote,
      href: p2 ? "/tvm" : DOCS.plans,
      hrefLabel: p2 ? "Vulnerability management" : "Plan 1 vs Plan 2",
    }),
    item({
      id: "tvm-plan",
      section: "Vulnerability management and hunting",
      title: "Top 10 vulnerabilities remediation plan created",
      state: !p2
        ? "notDone"
        : f.openRemediationRequests >= 10
          ? "done"
          : f.openRemediationRequests > 0
            ? "partly"
            : "notDone",
      evidence: p2 ? `${plural(f.openRemediationRequests, "open remediation request")} in this console.` : planNote,
      href: p2 ? "/tvm/recommendations" : DOCS.plans,
      hrefLabel: p2 ? "Recommendations" : "Plan 1 vs Plan 2",
    }),
    item({
      id: "hunting-saved",
      section: "Vulnerability management and hunting",
      title: "Advanced Hunting queries saved for SOC",
      state: !p2 ? "notDone" : f.sharedHuntingQueries > 0 ? "done" : "notDone",
      evidence: p2 ? `${plural(f.sharedHuntingQueries, "shared hunting query")} in this console.` : planNote,
      href: p2 ? "/hunting" : DOCS.plans,
      hrefLabel: p2 ? "Hunting" : "Plan 1 vs Plan 2",
    }),
  ];
}

function troubleshooting(s: PostureSummary, f: Facts, asr: AsrAdvisor): TroubleshootingIssue[] {
  const p2 = s.plan === "p2" || s.plan === "none";
  const repeated = new Map<string, { blocks: number; devices: Set<string> }>();
  for (const h of asr.hits.filter((x) => x.mode === "blocked")) {
    const key = `${h.ruleName} — ${h.fileName}`;
    const r = repeated.get(key) ?? { blocks: 0, devices: new Set<string>() };
    r.blocks += h.hits30;
    r.devices.add(h.machineId);
    repeated.set(key, r);
  }
  const noisy = [...repeated.entries()].filter(([, r]) => r.blocks >= REPEATED_BLOCKS);
  const noisyDevices = new Set(noisy.flatMap(([, r]) => [...r.devices])).size;
  return [
    {
      id: "not-in-defender",
      issue: "Device not appearing in MDE portal",
      cause: "Onboarding policy not applied or sensor not started",
      fix: "Verify the EDR policy is applied; check the SENSE service is running.",
      affected: f.desktopNotOnboarded,
      detection: `Windows and macOS devices enrolled in Intune but absent from Defender (${f.edrPoliciesAssigned ? "an EDR policy is assigned" : "no EDR policy is assigned"}).`,
      href: postureDevicesHref("enrolledNotOnboarded"),
    },
    {
      id: "no-sensor-data",
      issue: "Sensor health: No data",
      cause: "SENSE service stopped or network issue",
      fix: "sc start SENSE; check connectivity to the Defender for Endpoint service URLs.",
      affected: f.sensorInactive,
      detection: "Onboarded devices whose sensor is not Active or has been silent for 7 days.",
      href: "/devices?flag=inactive",
    },
    {
      id: "asr-app-crash",
      issue: "ASR causing app crash",
      cause: "Legitimate app blocked by ASR rule",
      fix: "Add the app's path as an ASR exclusion in Intune.",
      affected: asr.refreshedAt ? noisyDevices : null,
      detection: !asr.huntingAvailable
        ? "Cannot tell from the API on this plan: ASR events are read through advanced hunting (Plan 2)."
        : !asr.refreshedAt
          ? "ASR hits not read yet: refresh them in the advisor."
          : noisy.length
            ? `Blocked ${REPEATED_BLOCKS}+ times in 30 days: ${noisy.map(([k, r]) => `${k} (${r.blocks})`).join("; ")}.`
            : `No app blocked ${REPEATED_BLOCKS}+ times in 30 days.`,
      href: "/posture#advisor",
    },
    {
      id: "tamper-blocking",
      issue: "Tamper protection blocking changes",
      cause: "Expected: tamper protection is working",
      fix: "Disable it via Intune (not locally) before making changes.",
      affected: null,
      detection:
        "Cannot tell from the API: blocked local changes are not reported by any documented API. Devices with tamper protection on are expected to refuse local changes.",
      href: DOCS.tamper,
    },
    {
      id: "air-not-triggering",
      issue: "AIR not triggering automatically",
      cause: "Automation set to manual; device group exclusion",
      fix: "Check the device group automation setting in the Defender portal.",
      affected: null,
      detection: p2
        ? "Cannot tell from the API: device groups' automation levels have no public API."
        : "AIR is a Defender for Endpoint Plan 2 feature: this tenant's plan does not run it.",
      href: p2 ? DOCS.automation : DOCS.plans,
    },
    {
      id: "macos-not-starting",
      issue: "macOS MDE not starting",
      cause: "Missing Full Disk Access or system extension not approved",
      fix: "Deploy the PPPC and System Extensions profiles via Intune.",
      affected: f.macMissingProfiles,
      detection:
        "Macs enrolled in Intune that no assigned policy gives both the Full Disk Access (PPPC) and system extension profiles.",
      href: postureDevicesHref("enrolledNotOnboarded", "macos"),
    },
  ];
}

/** Everything /posture shows, from the cache. */
export async function getPostureReport(now: Date = new Date()): Promise<PostureReport> {
  const [summary, trend, f, sync] = await Promise.all([
    getPostureSummary(now),
    listPostureTrend(90, now),
    facts(now),
    db().syncState.findUnique({ where: { tenantId_entity: { tenantId: cacheTenantId(), entity: "postureConfig" } } }),
  ]);
  const asr = await getAsrAdvisor(now, { rules: summary.asr, plan: summary.plan });
  return {
    summary,
    trend,
    asr,
    checklist: checklist(summary, f, asr),
    troubleshooting: troubleshooting(summary, f, asr),
    lastSyncAt: sync?.lastSuccessAt?.toISOString() ?? null,
  };
}

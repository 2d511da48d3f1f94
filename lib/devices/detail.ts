import { db } from "../db";
import { tenantKey, tenantScope } from "../cache/tenant";
import { refreshLogonUsers } from "./logon-users";
import { iso, ROW_COLUMNS, toDeviceRow, type RawDeviceRow } from "./queries";
import type { DeviceDetail, DeviceRecommendationRow, DeviceTimelineEntry, DeviceVulnerabilityRow } from "./schemas";
import { APPROVAL_TYPES, type ActionType } from "../actions/schemas";
import { label } from "../labels";
import { describeAuditEvent } from "../audit";

// Everything the device page shows, from the cache: the merged row, its open alerts, open vulnerabilities and
// the recommendations that fix them, logged-on users, and a timeline of what the console knows about it.

const SEVERITY_ORDER = `CASE v.severity WHEN 'Critical' THEN 0 WHEN 'High' THEN 1 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 3 ELSE 4 END`;
const TIMELINE_MAX = 150;

/** A DeviceVulnerabilityRow as PostgreSQL returns it: a CVE not in the catalogue has no exploit flag yet. */
type RawVulnerabilityRow = Omit<DeviceVulnerabilityRow, "publicExploit" | "firstSeenAt"> & {
  publicExploit: boolean | null;
  firstSeenAt: Date;
};

/** The audit entries on the timeline show who did what when; their error text only with `auditDetails` (audit:read). */
export async function getDeviceDetail(id: string, opts: { auditDetails?: boolean } = {}): Promise<DeviceDetail | null> {
  const device = await db().device.findUnique({ where: tenantKey(id) });
  if (!device) return null;
  const [row] = await db().$queryRawUnsafe<RawDeviceRow[]>(
    `SELECT ${ROW_COLUMNS} FROM "Device" d WHERE d."tenantId" = $1 AND d."id" = $2`,
    device.tenantId,
    id,
  );
  const machineId = device.mdeMachineId;
  if (machineId && device.inMde) await refreshLogonUsers(id, machineId);
  const [alerts, vulnerabilities, recommendations, logonUsers, actions, requests, audits] = await Promise.all([
    machineId
      ? db().alert.findMany({
          where: { ...tenantScope(), machineId },
          orderBy: { alertCreationTime: "desc" },
          take: 100,
          select: {
            id: true,
            title: true,
            severity: true,
            status: true,
            priority: true,
            alertCreationTime: true,
            resolvedTime: true,
          },
        })
      : [],
    machineId
      ? db().$queryRawUnsafe<RawVulnerabilityRow[]>(
          `SELECT v."cveId", v.severity, c."cvssV3", v."productName", v."productVendor", v."productVersion", v."fixingKbId", c."publicExploit", v."firstSeenAt"
           FROM "DeviceVulnerability" v LEFT JOIN "Vulnerability" c ON c."tenantId" = v."tenantId" AND c.id = v."cveId"
           WHERE v."tenantId" = $2 AND v."machineId" = $1 AND v."resolvedAt" IS NULL ORDER BY ${SEVERITY_ORDER}, c."cvssV3" DESC NULLS LAST, v."cveId" LIMIT 200`,
          machineId,
          device.tenantId,
        )
      : [],
    // Defender lists recommendations per product; the ones for products this device has open CVEs in apply to it.
    machineId
      ? db().$queryRawUnsafe<DeviceRecommendationRow[]>(
          `SELECT r.id, r."recommendationName", r."productName", r.vendor, r."severityScore", r."remediationType", r."publicExploit"
           FROM "Recommendation" r
           WHERE r."tenantId" = $2
             AND EXISTS (SELECT 1 FROM "DeviceVulnerability" v WHERE v."tenantId" = $2 AND v."machineId" = $1 AND v."resolvedAt" IS NULL
                         AND lower(v."productName") = lower(r."productName") AND lower(v."productVendor") = lower(r.vendor))
           ORDER BY r."severityScore" DESC, r.id LIMIT 50`,
          machineId,
          device.tenantId,
        )
      : [],
    db().deviceLogonUser.findMany({
      where: { ...tenantScope(), deviceId: id },
      orderBy: { lastSeen: "desc" },
      take: 50,
    }),
    machineId
      ? db().machineAction.findMany({
          where: { ...tenantScope(), machineId },
          orderBy: { creationDateTimeUtc: "desc" },
          take: 50,
        })
      : [],
    db().actionRequest.findMany({
      where: { ...tenantScope(), deviceId: id },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    db().auditEvent.findMany({ where: { targetType: "device", targetId: id }, orderBy: { at: "desc" }, take: 50 }),
  ]);

  const timeline: DeviceTimelineEntry[] = [];
  const add = (at: Date | null | undefined, entry: Omit<DeviceTimelineEntry, "at">) => {
    if (at) timeline.push({ at: at.toISOString(), ...entry });
  };
  for (const a of alerts) {
    add(a.alertCreationTime, {
      kind: "alert",
      title: `Alert raised: ${a.title}`,
      detail: `${label("severity", a.severity)} · ${label("alertStatus", a.status)}`,
      href: `/alerts/${encodeURIComponent(a.id)}`,
    });
    add(a.resolvedTime, {
      kind: "alert",
      title: `Alert resolved: ${a.title}`,
      detail: null,
      href: `/alerts/${encodeURIComponent(a.id)}`,
    });
  }
  for (const m of actions) {
    const scope = m.scope ? ` (${m.scope})` : "";
    const type = label("actionType", m.type);
    add(m.creationDateTimeUtc, {
      kind: "action",
      title: `${type}${scope} requested in Defender`,
      detail: [m.requestor, m.requestorComment].filter(Boolean).join(": ") || null,
      href: null,
    });
    if (m.status !== "Pending")
      add(m.lastUpdateDateTimeUtc, {
        kind: "action",
        title: `${type}${scope}: ${label("actionStatus", m.status)}`,
        detail: m.cancellationComment ? `Cancelled by ${m.cancellationRequestor}: ${m.cancellationComment}` : null,
        href: null,
      });
  }
  for (const r of requests) {
    if (
      r.state === "AwaitingApproval" ||
      r.approvedByName ||
      r.state === "Rejected" ||
      (r.state === "Withdrawn" && APPROVAL_TYPES.includes(r.type as ActionType))
    ) {
      add(r.createdAt, {
        kind: "request",
        title: `${label("actionType", r.type)} awaiting approval`,
        detail: `${r.requestedByName}: ${r.comment}`,
        href: "/actions",
      });
    }
    if (r.decidedAt) {
      // Withdrawn and rejected requests were never approved: say who decided, and how.
      const how = r.state === "Rejected" ? "rejected" : r.state === "Withdrawn" ? "withdrawn" : "approved";
      const by = how === "approved" ? (r.approvedByName ?? r.decidedByName) : r.decidedByName;
      add(r.decidedAt, {
        kind: "request",
        title: `${label("actionType", r.type)} ${how} by ${by ?? "?"}`,
        detail: r.decisionReason,
        href: "/actions",
      });
    }
    if (r.state === "SendFailed")
      add(r.updatedAt, {
        kind: "request",
        title: `${label("actionType", r.type)} not sent to Defender`,
        detail: r.error,
        href: "/actions",
      });
  }
  add(device.firstSeen, { kind: "sync", title: "First seen by Defender", detail: null, href: null });
  add(device.lastSeen, {
    kind: "status",
    title: `Last seen by Defender (${label("healthStatus", device.healthStatus, "health unknown")})`,
    detail: device.lastIpAddress ? `IP ${device.lastIpAddress}` : null,
    href: null,
  });
  add(device.lastIntuneSync, {
    kind: "status",
    title: `Last Intune check-in (${label("complianceState", device.complianceState, "compliance unknown")})`,
    detail: null,
    href: null,
  });
  add(device.mdeMissingSince, {
    kind: "sync",
    title: "No longer listed by Defender",
    detail: "A complete sync did not list this device; the row is kept.",
    href: null,
  });
  add(device.intuneMissingSince, {
    kind: "sync",
    title: "No longer listed by Intune",
    detail: "A complete sync did not list this device; the row is kept.",
    href: null,
  });
  add(device.syncedAt, { kind: "sync", title: "Cache updated by sync", detail: null, href: null });
  for (const e of audits)
    add(e.at, {
      kind: "audit",
      title: `${e.actorName} ${describeAuditEvent(e, "this device")}`,
      detail: opts.auditDetails ? e.error : null,
      href: null,
    });
  timeline.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return {
    ...toDeviceRow(row),
    aadDeviceId: device.aadDeviceId,
    intuneDeviceId: device.intuneDeviceId,
    agentVersion: device.agentVersion,
    deviceValue: device.deviceValue,
    lastExternalIpAddress: device.lastExternalIpAddress,
    firstSeen: iso(device.firstSeen),
    model: device.model,
    manufacturer: device.manufacturer,
    serialNumber: device.serialNumber,
    mdeMissingSince: iso(device.mdeMissingSince),
    intuneMissingSince: iso(device.intuneMissingSince),
    syncedAt: device.syncedAt.toISOString(),
    alerts: alerts
      .filter((a) => a.status !== "Resolved")
      .map((a) => ({
        id: a.id,
        title: a.title,
        severity: a.severity,
        status: a.status,
        priority: a.priority,
        alertCreationTime: a.alertCreationTime.toISOString(),
      })),
    vulnerabilities: vulnerabilities.map((v) => ({
      ...v,
      publicExploit: v.publicExploit ?? false,
      firstSeenAt: v.firstSeenAt.toISOString(),
    })),
    recommendations,
    logonUsers: logonUsers.map((u) => ({
      accountName: u.accountName,
      accountDomain: u.accountDomain,
      firstSeen: iso(u.firstSeen),
      lastSeen: iso(u.lastSeen),
      logonTypes: u.logonTypes,
      isDomainAdmin: u.isDomainAdmin,
    })),
    timeline: timeline.slice(0, TIMELINE_MAX),
  };
}

/**
 * The console's id of the device Defender knows as `machineId`, or null. Hunting results name devices by
 * Defender's machine id (the DeviceId column, "DeviceInfo" table reference), which the device page accepts too.
 */
export async function deviceIdForMachine(machineId: string): Promise<string | null> {
  const device = await db().device.findUnique({
    where: { tenantId_mdeMachineId: { ...tenantScope(), mdeMachineId: machineId } },
    select: { id: true },
  });
  return device?.id ?? null;
}

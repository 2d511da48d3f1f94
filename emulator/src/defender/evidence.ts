// Alert evidence is generated on demand from the alert (deterministic per alert id), so 200,000
// alerts do not keep evidence objects in memory. Every item carries all keys, null when unused
// (as in the "Alert resource type" example).
import { templateOf } from "../tenant/alert-content";
import { createHash } from "node:crypto";
import { isoTime } from "../clock";
import { Rng } from "../random";
import type { AlertRecord, EvidenceItem } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";

export type { EvidenceItem };

const hashCache = new Map<string, [string, string]>();

/** Same file name ⇒ same hashes across alerts, as for a real malware sample. */
export function fileHashes(fileName: string): [sha1: string, sha256: string] {
  let h = hashCache.get(fileName);
  if (!h) {
    h = [
      createHash("sha1").update(`emu:${fileName}`).digest("hex"),
      createHash("sha256").update(`emu:${fileName}`).digest("hex"),
    ];
    if (hashCache.size < 10_000) hashCache.set(fileName, h);
  }
  return h;
}

export function emptyEvidence(entityType: string, createdMs: number): EvidenceItem {
  return {
    entityType,
    evidenceCreationTime: isoTime(createdMs),
    sha1: null,
    sha256: null,
    fileName: null,
    filePath: null,
    processId: null,
    processCommandLine: null,
    processCreationTime: null,
    parentProcessId: null,
    parentProcessCreationTime: null,
    parentProcessFileName: null,
    parentProcessFilePath: null,
    ipAddress: null,
    url: null,
    registryKey: null,
    registryHive: null,
    registryValueType: null,
    registryValue: null,
    accountName: null,
    domainName: null,
    userSid: null,
    aadUserId: null,
    userPrincipalName: null,
    detectionStatus: null,
  };
}

export function alertEvidence(tenant: Tenant, alert: AlertRecord): EvidenceItem[] {
  if (alert.custom) return alert.custom.evidence;
  const t = templateOf(alert);
  const rng = new Rng(`${tenant.seed}:evidence:${alert.id}`);
  const created = alert.createdMs + 1000;
  const status =
    alert.status === "Resolved" && rng.chance(0.5) ? "Prevented" : rng.pick(["Detected", "Detected", "Blocked"]);
  const out: EvidenceItem[] = [];
  if (t.processes.length) {
    const p = rng.pick(t.processes);
    const [sha1, sha256] = fileHashes(p.fileName);
    const e = emptyEvidence("Process", created);
    const procStart = alert.firstEventMs - rng.int(0, 5000);
    Object.assign(e, {
      sha1,
      sha256,
      fileName: p.fileName,
      filePath: p.filePath,
      processId: rng.int(1000, 15000),
      processCommandLine: p.commandLine,
      processCreationTime: isoTime(procStart),
      parentProcessId: rng.int(500, 9000),
      parentProcessCreationTime: isoTime(procStart - rng.int(1000, 600_000)),
      parentProcessFileName: p.parentFileName,
      parentProcessFilePath: p.parentFilePath,
      detectionStatus: status,
    });
    out.push(e);
  }
  for (const f of t.files) {
    const [sha1, sha256] = fileHashes(f.fileName);
    out.push({
      ...emptyEvidence("File", created),
      sha1,
      sha256,
      fileName: f.fileName,
      filePath: f.filePath,
      detectionStatus: status,
    });
  }
  for (const ip of t.ips) out.push({ ...emptyEvidence("Ip", created), ipAddress: ip });
  for (const url of t.urls) out.push({ ...emptyEvidence("Url", created), url });
  if (t.registry) {
    out.push({
      ...emptyEvidence("Registry", created),
      registryKey: t.registry.key,
      registryHive: t.registry.hive,
      registryValueType: "String",
      registryValue: t.registry.value,
    });
  }
  const user = alert.user >= 0 ? tenant.employees[alert.user] : undefined;
  if (user) {
    out.push({
      ...emptyEvidence("User", created),
      accountName: user.accountName,
      domainName: "CONTOSO",
      userSid: user.sid,
      aadUserId: user.aadUserId,
      userPrincipalName: user.upn,
    });
  }
  return out;
}

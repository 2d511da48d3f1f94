import {
  ASR_AUDIT_MIN_DAYS,
  type AsrAdvice,
  type AsrAppAtRisk,
  type AsrAuditPolicy,
  type AsrRuleState,
} from "./schemas";

// The Audit→Block advisor's verdict, pure: given each rule's policies, the ASR hits read from advanced hunting and
// the exclusion paths the tenant accepts, is each rule in Audit safe to move to Block? The guide's "ASR rules reviewed
// and moved to Block (after 2+ weeks)", made concrete. ASR exclusions are file or folder paths, `*` a wildcard
// ("Attack surface reduction rules reference", learn.microsoft.com/defender-endpoint/attack-surface-reduction-rules-
// reference, "Exclude files and folders from ASR rules").

const DAY_MS = 86_400_000;

export interface AdvisorHit {
  ruleGuid: string;
  mode: string;
  deviceId: string;
  fileName: string;
  folderPath: string;
  processName: string;
  hits14: number;
  hits30: number;
}

/** The file's full path: DeviceEvents' FolderPath usually holds it already, file name included. */
export function hitPath(h: Pick<AdvisorHit, "fileName" | "folderPath">): string {
  const folder = h.folderPath.replace(/[\\/]+$/, "");
  if (!h.fileName) return folder;
  if (!folder) return h.fileName;
  return folder.toLowerCase().endsWith(`\\${h.fileName.toLowerCase()}`) ||
    folder.toLowerCase().endsWith(`/${h.fileName.toLowerCase()}`) ||
    folder.toLowerCase() === h.fileName.toLowerCase()
    ? folder
    : `${folder}\\${h.fileName}`;
}

const norm = (p: string) => p.trim().replaceAll("/", "\\").replace(/\\+$/, "").toLowerCase();

/** A path within an exclusion: the file itself, anything under the folder, or a `*` pattern matching it. */
export function isExcluded(path: string, exclusions: readonly string[]): boolean {
  const target = norm(path);
  return exclusions.some((raw) => {
    const ex = norm(raw);
    if (!ex) return false;
    if (ex.includes("*")) {
      const pattern = ex
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
      return new RegExp(`^${pattern}(\\\\.*)?$`).test(target);
    }
    return target === ex || target.startsWith(`${ex}\\`);
  });
}

function auditPolicies(rule: AsrRuleState, now: number): AsrAuditPolicy[] {
  return rule.policies
    .filter((p) => p.mode === "audit")
    .map((p) => ({
      policyId: p.policyId,
      policyName: p.policyName,
      devices: p.devices,
      since: p.lastModifiedAt,
      days: p.lastModifiedAt ? Math.floor((now - Date.parse(p.lastModifiedAt)) / DAY_MS) : null,
    }));
}

/**
 * Advice for every rule some policy audits. A hit counts against a rule whether it was audited (the app would be
 * blocked) or already blocked on devices where another policy blocks the rule (the app breaks there today).
 */
export function adviseAsrRules(
  rules: readonly AsrRuleState[],
  hits: readonly AdvisorHit[],
  exclusions: readonly string[],
  opts: { now: number; hitsKnown: boolean; huntingAvailable: boolean },
): AsrAdvice[] {
  const out: AsrAdvice[] = [];
  for (const rule of rules) {
    const policies = auditPolicies(rule, opts.now);
    if (!policies.length) continue;
    const ruleHits = hits.filter((h) => h.ruleGuid === rule.guid);
    const apps = new Map<string, AsrAppAtRisk & { deviceSet: Set<string> }>();
    let audited14 = 0;
    let audited30 = 0;
    let blocked30 = 0;
    let excluded30 = 0;
    for (const h of ruleHits) {
      const audited = h.mode === "audited";
      if (audited) {
        audited14 += h.hits14;
        audited30 += h.hits30;
      } else blocked30 += h.hits30;
      const path = hitPath(h);
      if (isExcluded(path, exclusions)) {
        excluded30 += h.hits30;
        continue;
      }
      const key = `${path.toLowerCase()}\u0000${h.processName.toLowerCase()}`;
      const app = apps.get(key) ?? {
        path,
        fileName: h.fileName,
        processName: h.processName,
        devices: 0,
        audited14: 0,
        audited30: 0,
        blocked30: 0,
        deviceSet: new Set<string>(),
      };
      app.deviceSet.add(h.deviceId);
      if (audited) {
        app.audited14 += h.hits14;
        app.audited30 += h.hits30;
      } else app.blocked30 += h.hits30;
      apps.set(key, app);
    }
    const atRisk = [...apps.values()]
      .map(({ deviceSet, ...a }) => ({ ...a, devices: deviceSet.size }))
      .sort((a, b) => b.audited30 + b.blocked30 - (a.audited30 + a.blocked30) || a.path.localeCompare(b.path));
    const known = policies.map((p) => p.days).filter((d): d is number => d !== null);
    const days = known.length ? Math.min(...known) : null;
    const base = { guid: rule.guid, name: rule.name, inGuide: rule.inGuide, policies };
    const counts = { audited14, audited30, blocked30, excluded30 };
    if (!opts.hitsKnown) {
      out.push({
        ...base,
        ...counts,
        verdict: "unknown",
        reason: opts.huntingAvailable
          ? "The ASR events have not been read from advanced hunting yet: refresh the hits."
          : "Advanced hunting (Defender for Endpoint Plan 2) is what reports ASR hits by API: on this plan, review the ASR report in the Defender portal.",
        apps: [],
        exclusionsToAdd: [],
      });
      continue;
    }
    if (days === null || days < ASR_AUDIT_MIN_DAYS) {
      out.push({
        ...base,
        ...counts,
        verdict: "tooEarly",
        reason:
          days === null
            ? `Intune does not say when the policy last changed: keep the rule in Audit ${ASR_AUDIT_MIN_DAYS} days from the change.`
            : `In Audit for ${days} day${days === 1 ? "" : "s"}: review after ${ASR_AUDIT_MIN_DAYS}.`,
        apps: atRisk,
        exclusionsToAdd: [...new Set(atRisk.map((a) => a.path).filter(Boolean))],
      });
      continue;
    }
    if (atRisk.length) {
      const devices = new Set(ruleHits.filter((h) => !isExcluded(hitPath(h), exclusions)).map((h) => h.deviceId)).size;
      out.push({
        ...base,
        ...counts,
        verdict: "notSafe",
        reason: `${atRisk.length} app${atRisk.length === 1 ? "" : "s"} on ${devices} device${devices === 1 ? "" : "s"} would be blocked: add ${atRisk.length === 1 ? "its path" : "their paths"} as ASR exclusions (Intune › Endpoint security › Attack surface reduction) or fix the app${atRisk.length === 1 ? "" : "s"} first.`,
        apps: atRisk,
        // An event without a file path (WMI persistence, for one) names no path to exclude.
        exclusionsToAdd: [...new Set(atRisk.map((a) => a.path).filter(Boolean))],
      });
      continue;
    }
    out.push({
      ...base,
      ...counts,
      verdict: "safe",
      reason:
        excluded30 > 0
          ? `In Audit for ${days} days; its ${excluded30} hit${excluded30 === 1 ? "" : "s"} in 30 days all fall within your exclusions.`
          : `In Audit for ${days} days with no hits in the last 30 days.`,
      apps: [],
      exclusionsToAdd: [],
    });
  }
  return out;
}

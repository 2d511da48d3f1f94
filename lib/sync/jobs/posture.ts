import { syncReadPacer, BUDGETS } from "../../budgets";
import { inRawTransaction } from "../../db/raw-transaction";
import {
  addVerdicts,
  AV_HEALTH_TABLE,
  avHealthRow,
  compliancePolicyRow,
  configurationPolicyRow,
  CONNECTOR_TABLE,
  connectorRow,
  deleteUnseen,
  DEVICE_STATE_KINDS,
  DEVICE_STATE_TABLE,
  GROUP_MEMBER_TABLE,
  LICENCE_TABLE,
  licenceRow,
  mobileThreatRow,
  POLICY_TABLE,
  PROTECTION_TABLE,
  protectionRow,
  writeRows,
  type AvVerdicts,
  type DeviceStateRow,
  type GroupMemberRow,
  type PolicyRow,
} from "../../cache/posture";
import { writeDaySnapshot } from "../../cache/posture-snapshot";
import { cacheTenantId } from "../../cache/tenant";
import { ProviderError } from "../../microsoft";
import type { JobContext, JobResult, SkippedRecord, SourcePage } from "../types";
import { consumePages, maxDate, since } from "./common";

// Deployment posture: complete pulls on the scores cadence (no change field to page on). Each pass upserts what it
// read and then removes what it did not read again. Antivirus health and secure configuration are read within the
// sync's share of Defender's 30-calls-a-minute limit for each (lib/budgets); the day's headline figures are
// snapshotted at the end of the configuration pass, after devices and antivirus data in the same lane.

/** Pages of `pages`, each requested only once the pacer grants a call. */
async function* paced<T>(pages: AsyncIterable<SourcePage<T>>, take: () => Promise<void>) {
  const it = pages[Symbol.asyncIterator]();
  for (;;) {
    await take();
    const next = await it.next();
    if (next.done) return;
    yield next.value;
  }
}

async function drain<T>(pages: AsyncIterable<SourcePage<T>>, skipped: SkippedRecord[]): Promise<T[]> {
  const items: T[] = [];
  for await (const p of pages) {
    items.push(...p.items);
    skipped.push(...p.skipped);
  }
  return items;
}

const forbidden = (error: unknown) => error instanceof ProviderError && (error.status === 403 || error.status === 401);

export async function syncAvHealth(ctx: JobContext): Promise<JobResult> {
  const syncedAt = ctx.runStartedAt.toISOString();
  const notes: string[] = [];
  const skipped: SkippedRecord[] = [];
  // Verdicts first, so each antivirus row is written once, complete. Without Vulnerability.Read.All (or on a tenant
  // without the assessment) the rows are still written, their verdicts unknown.
  const verdicts = new Map<string, AvVerdicts>();
  const configPacer = syncReadPacer(BUDGETS.secureConfigurationReads, ctx.db, cacheTenantId());
  try {
    for await (const page of paced(ctx.sources.secureConfigurationPages(), () => configPacer.take())) {
      addVerdicts(verdicts, page.items);
      skipped.push(...page.skipped);
      await ctx.heartbeat();
    }
  } catch (error) {
    if (!forbidden(error)) throw error;
    notes.push(
      `secure configuration assessment not readable (${(error as ProviderError).status}): verdicts left unknown`,
    );
  }
  const avPacer = syncReadPacer(BUDGETS.avHealthReads, ctx.db, cacheTenantId());
  const result = await consumePages(
    ctx,
    paced(ctx.sources.deviceAvInfoPages(), () => avPacer.take()),
    (items) =>
      inRawTransaction(ctx.db, (execute) =>
        writeRows(
          execute,
          AV_HEALTH_TABLE,
          items.map((r) => avHealthRow(r, verdicts.get(r.machineId), syncedAt)),
        ),
      ),
  );
  await inRawTransaction(ctx.db, (execute) => deleteUnseen(execute, "DeviceAvHealth", syncedAt));
  return { ...result, skipped: [...skipped, ...result.skipped], watermark: ctx.runStartedAt, notes };
}

/**
 * Incremental where Intune allows: a device reports its protection state when it syncs, so a pass asks for devices
 * synced since the watermark (Intune's own lastSyncDateTime); the periodic full pass also removes devices gone.
 */
export async function syncIntuneProtection(ctx: JobContext): Promise<JobResult> {
  const syncedAt = ctx.runStartedAt.toISOString();
  let watermark: Date | null = null;
  const result = await consumePages(
    ctx,
    ctx.sources.protectionStatePages({ syncedSince: since(ctx, { overlap: true }) }),
    (items) =>
      inRawTransaction(ctx.db, async (execute) => {
        for (const d of items) watermark = maxDate(watermark, d.lastSyncDateTime);
        const states = items.flatMap((d) => protectionRow(d, syncedAt) ?? []);
        const threats = items.flatMap((d) => mobileThreatRow(d, syncedAt) ?? []);
        return (
          (await writeRows(execute, PROTECTION_TABLE, states)) + (await writeRows(execute, DEVICE_STATE_TABLE, threats))
        );
      }),
  );
  if (ctx.mode === "full")
    await inRawTransaction(ctx.db, async (execute) => {
      await deleteUnseen(execute, "IntuneProtectionState", syncedAt);
      await deleteUnseen(execute, "PostureDeviceState", syncedAt, [DEVICE_STATE_KINDS.mobileThreat]);
    });
  return { ...result, watermark };
}

export async function syncPostureConfig(ctx: JobContext): Promise<JobResult> {
  const syncedAt = ctx.runStartedAt.toISOString();
  const src = ctx.sources.posture;
  const skipped: SkippedRecord[] = [];

  const connectors = (await src.connectors()).map((c) => connectorRow(c, syncedAt));
  const onboarding: DeviceStateRow[] = (await drain(src.onboardingStatePages(), skipped)).flatMap((s) =>
    s.deviceId
      ? [
          {
            kind: DEVICE_STATE_KINDS.onboarding,
            policyId: "",
            subject: s.deviceId,
            state: s.state ?? "unknown",
            reportedAt: null,
            syncedAt,
          },
        ]
      : [],
  );

  const policies: PolicyRow[] = [];
  const compliance: DeviceStateRow[] = [];
  for (const p of await src.compliancePolicies()) {
    policies.push(compliancePolicyRow(p, await src.compliancePolicyAssignments(p.id), syncedAt));
    for (const s of await drain(src.complianceDeviceStatusPages(p.id), skipped))
      if (s.deviceDisplayName)
        compliance.push({
          kind: DEVICE_STATE_KINDS.compliance,
          policyId: p.id,
          subject: s.deviceDisplayName,
          state: s.status ?? "unknown",
          reportedAt: s.lastReportedDateTime ? new Date(s.lastReportedDateTime).toISOString() : null,
          syncedAt,
        });
    await ctx.heartbeat();
  }
  for (const p of await src.configurationPolicies()) {
    const [settings, assignments] = await Promise.all([
      src.configurationPolicySettings(p.id),
      src.configurationPolicyAssignments(p.id),
    ]);
    policies.push(configurationPolicyRow(p, settings, assignments, syncedAt));
    await ctx.heartbeat();
  }

  // Who each assignment reaches: the device members of every group a policy names.
  const groups = new Set(policies.flatMap((p) => [...p.groupIds, ...p.excludedGroupIds]));
  groups.delete("allDevices");
  groups.delete("allLicensedUsers");
  const members: GroupMemberRow[] = [];
  for (const groupId of [...groups].sort())
    for (const m of await drain(src.groupMemberPages(groupId), skipped))
      if (m.deviceId) members.push({ groupId, aadDeviceId: m.deviceId, groupName: null, syncedAt });

  const licences = (await src.subscribedSkus()).map((s) => licenceRow(s, syncedAt));

  const upserted = await inRawTransaction(ctx.db, async (execute) => {
    let n = 0;
    n += await writeRows(execute, CONNECTOR_TABLE, connectors);
    n += await writeRows(execute, DEVICE_STATE_TABLE, [...onboarding, ...compliance]);
    n += await writeRows(execute, POLICY_TABLE, policies);
    n += await writeRows(execute, GROUP_MEMBER_TABLE, members);
    n += await writeRows(execute, LICENCE_TABLE, licences);
    for (const table of ["PostureConnector", "PosturePolicy", "PostureGroupMember", "PostureLicence"])
      await deleteUnseen(execute, table, syncedAt);
    await deleteUnseen(execute, "PostureDeviceState", syncedAt, [
      DEVICE_STATE_KINDS.onboarding,
      DEVICE_STATE_KINDS.compliance,
    ]);
    return n;
  });
  await writeDaySnapshot(ctx.db, ctx.runStartedAt);
  return {
    fetched:
      connectors.length + onboarding.length + compliance.length + policies.length + members.length + licences.length,
    upserted,
    skipped,
    watermark: ctx.runStartedAt,
  };
}

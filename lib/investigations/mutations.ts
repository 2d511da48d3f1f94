import type { AuditContext } from "../auth/actor";
import { withExternalChange } from "../audit";
import { db } from "../db";
import { isThrottled } from "../defender";
import { describeProviderError, retryAfterSeconds } from "../microsoft";
import { NotFound, UpstreamError } from "../http/errors";
import { writeStartedInvestigation } from "../cache/investigations";
import { tenantScope } from "../cache/tenant";
import { toInvestigationView } from "./queries";
import type { InvestigationView } from "./schemas";
import { investigationWriter } from "./writer";

/** "Start Investigation API": 50 calls per hour (learn.microsoft.com/defender-endpoint/api/initiate-autoir-investigation). */
export const START_INVESTIGATION_HOURLY_LIMIT = 50;

/**
 * Starts an automated investigation on a device (by the console's device id). The intent is audited before
 * Defender is asked; Defender's answer is stored and audited together. Sent once: a lost answer is not repeated.
 */
export async function startDeviceInvestigation(
  audit: AuditContext,
  deviceId: string,
  comment: string,
): Promise<InvestigationView> {
  const device = await db().device.findFirst({
    where: { ...tenantScope(), id: deviceId },
    select: { id: true, name: true, mdeMachineId: true },
  });
  if (!device) throw new NotFound(`Device ${deviceId} is not in the console's cache.`);
  const machineId = device.mdeMachineId;
  if (!machineId)
    throw new NotFound(`${device.name ?? deviceId} is not onboarded to Defender for Endpoint: nothing to investigate.`);
  const what = device.name ?? machineId;
  const investigation = await withExternalChange(
    audit,
    { action: "investigation.start", targetType: "device", targetId: device.id, params: { machineId, comment } },
    async () => {
      try {
        return await investigationWriter().start(machineId, comment);
      } catch (err) {
        if (isThrottled(err)) {
          const seconds = retryAfterSeconds(err);
          throw new UpstreamError(
            `Defender allows ${START_INVESTIGATION_HOURLY_LIMIT} investigations to be started per hour, and the tenant has used them. Try again in ${Math.ceil(seconds / 60)} min. Nothing was started.`,
            429,
            seconds,
          );
        }
        throw describeProviderError(err, {
          what,
          act: "start of an automated investigation",
          permission: "Alert.ReadWrite.All",
          nothingDone: "Nothing was started.",
          sentOnce: true,
        });
      }
    },
    async (tx, started) => {
      await writeStartedInvestigation(tx, started, audit.actor.name);
      return { result: started, params: { machineId, comment, investigationId: started.id } };
    },
  );
  return toInvestigationView(
    {
      id: investigation.id,
      state: investigation.state,
      startTime: investigation.startTime ? new Date(investigation.startTime) : null,
      endTime: investigation.endTime ? new Date(investigation.endTime) : null,
      machineId,
      triggeringAlertId: investigation.triggeringAlertId ?? null,
      statusDetails: investigation.statusDetails ?? null,
      startedBy: audit.actor.name,
      deviceId: device.id,
      deviceName: device.name,
      alertTitle: null,
      sortAt: new Date(),
    },
    new Date(),
  );
}

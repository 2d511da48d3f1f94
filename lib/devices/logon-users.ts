import { createDefenderClient, logonUsers, type DefenderClient, type LogonUser } from "../defender";
import { db } from "../db";
import { tenantScope } from "../cache/tenant";
import { logger } from "../log";
import { processSingleton } from "../process-singleton";

// Logged-on users are a per-device Defender call (GET /api/machines/{id}/logonusers, Get machine logon users API), too many
// calls for the bulk sync at 50,000 devices. The device page refreshes them into the cache when it is opened —
// at most every REFRESH_MS per device, with a short timeout — and shows the cached rows when Defender is slow
// or refuses (the console's app may lack User.Read.All).

const REFRESH_MS = 10 * 60_000;
const TIMEOUT_MS = 2_500;

export interface LogonUserReader {
  list(machineId: string): Promise<LogonUser[]>;
}

/** How the process asks Defender, and when it last asked about each device. Tests replace both at once. */
export const logonUserRefresh = processSingleton("logonUserRefresh", () => {
  let client: DefenderClient | null = null;
  const reader: LogonUserReader = { list: (machineId) => logonUsers((client ??= createDefenderClient()), machineId) };
  return { reader, fetchedAt: new Map<string, number>() };
});

/** Refreshes the cached logon users of one device; never throws (the page falls back to what is cached). */
export async function refreshLogonUsers(deviceId: string, machineId: string): Promise<void> {
  const { reader, fetchedAt: fetched } = logonUserRefresh();
  const last = fetched.get(deviceId);
  if (last !== undefined && Date.now() - last < REFRESH_MS) return;
  fetched.set(deviceId, Date.now());
  let timer: NodeJS.Timeout | undefined;
  try {
    const users = await Promise.race([
      reader.list(machineId),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    const rows = new Map(users.map((u) => [`${u.accountDomain ?? ""}\\${u.accountName}`, u]));
    await db().$transaction(async (tx) => {
      await tx.deviceLogonUser.deleteMany({ where: { ...tenantScope(), deviceId } });
      await tx.deviceLogonUser.createMany({
        data: [...rows.values()].map((u) => ({
          ...tenantScope(),
          deviceId,
          accountName: u.accountName,
          accountDomain: u.accountDomain ?? "",
          firstSeen: u.firstSeen ? new Date(u.firstSeen) : null,
          lastSeen: u.lastSeen ? new Date(u.lastSeen) : null,
          logonTypes: u.logonTypes ?? null,
          isDomainAdmin: u.isDomainAdmin ?? false,
        })),
      });
    });
  } catch (error) {
    logger.warn("logon users not refreshed", {
      deviceId,
      error: error instanceof Error ? error.message : String(error),
    });
  } finally {
    clearTimeout(timer);
  }
}

import type { Actor } from "../auth/actor";
import { cacheTenantId } from "../cache/tenant";
import { db } from "../db";
import { createGraphClient, HUNTING_TIMEOUT_MS } from "../graph";
import { processSingleton } from "../process-singleton";
import { HuntingService } from "./runs";
import type { HuntingRunInput } from "./schemas";

// Advanced hunting, the server-side door: run KQL through Graph against the shared quota, each person's run history,
// and saved queries (personal, shared, starter). Client code imports "@/lib/hunting/schemas" (types) and
// "@/lib/hunting/vocabulary" (values).

/**
 * The process's hunting service. Its Graph client never retries: a 429 is the tenant's quota speaking (the person
 * sees when to try again), and a query is not worth sending twice while a person waits.
 */
export const huntingService = processSingleton(
  "huntingService",
  () =>
    new HuntingService({
      prisma: db,
      tenantId: cacheTenantId(),
      graph: lazyGraph(),
    }),
);

function lazyGraph() {
  let client: ReturnType<typeof createGraphClient> | null = null;
  return () => (client ??= createGraphClient({ maxRetries: 0, timeoutMs: HUNTING_TIMEOUT_MS }));
}

export const runHuntingQuery = (actor: Actor, input: HuntingRunInput, signal?: AbortSignal) =>
  huntingService().run(actor, input, signal);
export const huntingQuota = () => huntingService().quota();
export const listHuntingHistory = (actor: Actor, limit: number) => huntingService().history(actor, limit);

export { HuntingService, queryHash, InvalidKql, HuntingTimeout, type HuntingServiceOptions } from "./runs";
export { HuntingQuotaMeter, HuntingQuotaExceeded, HUNTING_BUDGET } from "./quota";
export { listSavedQueries, createSavedQuery, updateSavedQuery, deleteSavedQuery } from "./saved";
export { starterQueries, isStarterId } from "./starters";
export { alertHuntQuery, deviceHuntQuery, huntHref, kqlString } from "./hunt-from-context";

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
 * The process's Graph client for hunting. It never retries: a 429 is the tenant's quota speaking (the person sees
 * when to try again), and a query is not worth sending twice while a person waits. Only the client is kept per
 * process: the service is built per call, so the errors it throws are the classes of the route that called it (a
 * process-wide instance made by one server chunk would throw another chunk's AppError, which route() would not
 * recognise).
 */
export const huntingGraph = processSingleton("huntingGraph", () =>
  createGraphClient({ maxRetries: 0, timeoutMs: HUNTING_TIMEOUT_MS }),
);

function huntingService(): HuntingService {
  return new HuntingService({ prisma: db, tenantId: cacheTenantId(), graph: huntingGraph });
}

export const runHuntingQuery = (actor: Actor, input: HuntingRunInput, signal?: AbortSignal) =>
  huntingService().run(actor, input, signal);
export const huntingQuota = () => huntingService().quota();
export const listHuntingHistory = (actor: Actor, limit: number) => huntingService().history(actor, limit);

export { HuntingService, queryHash, InvalidKql, HuntingTimeout, type HuntingServiceOptions } from "./runs";
export { HuntingQuotaMeter, HuntingQuotaExceeded, HUNTING_BUDGET } from "./quota";
export { listSavedQueries, getSavedQuery, createSavedQuery, updateSavedQuery, deleteSavedQuery } from "./saved";
export { starterQueries, isStarterId } from "./starters";
export { alertHuntQuery, deviceHuntQuery, huntHref, kqlString } from "./hunt-from-context";

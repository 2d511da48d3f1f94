import { route } from "@/lib/auth/route";
import { runHuntingQuery } from "@/lib/hunting";
import { HuntingRunInput } from "@/lib/hunting/schemas";

// POST /api/hunting/run (console:read) — runs KQL through Microsoft Graph runHuntingQuery against the tenant's shared
// quota. A read, so not audited: the run is recorded in the caller's history. Aborting the request (Cancel) aborts
// the Graph call.
export const POST = route({ permission: "console:read", body: HuntingRunInput }, ({ actor, body, req }) =>
  runHuntingQuery(actor, body, req.signal),
);

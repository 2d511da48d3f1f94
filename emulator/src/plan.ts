// `--plan p1|p2`: what a Defender for Endpoint Plan 1 tenant cannot call. Plan 1 lists next-generation protection,
// ASR, manual response actions and APIs; advanced hunting, threat and vulnerability management (with the exposure and
// configuration scores), EDR, automated investigation and live response are Plan 2 ("Microsoft Defender for Endpoint
// Plan 1" overview). Microsoft does not document the exact refusal; the closest documented shape is the common-errors
// table's 403 DisabledFeature "Tenant feature isn't enabled.", used here (Graph routes carry
// it in Graph's envelope, whose 403 code is accessDenied).
import { ApiError } from "./http/errors";
import type { RouteDef } from "./http/router";
import type { Plan } from "./tenant/posture/model";

export type { Plan };

const PLAN2_FAMILIES = new Set(["hunting", "tvm", "machines.vulnerabilities", "scores"]);

export function parsePlan(value: string): Plan {
  const v = value.trim().toLowerCase();
  if (v !== "p1" && v !== "p2") throw new Error("plan must be p1 or p2");
  return v;
}

/** Throws the refusal when a Plan 1 tenant calls a Plan 2 API. */
export function assertPlanAllows(plan: Plan, route: RouteDef): void {
  if (plan === "p1" && PLAN2_FAMILIES.has(route.family))
    throw new ApiError(403, "DisabledFeature", "Tenant feature isn't enabled.");
}

import { route } from "@/lib/auth/route";
import { closeRemediationRequest } from "@/lib/tvm";
import { RemediationRef } from "@/lib/tvm/schemas";

// POST /api/tvm/remediation-requests/[id]/close (tvm:report) — done or no longer wanted: kept, no longer sampled
export const POST = route(
  { permission: "tvm:report", params: RemediationRef, audit: "tvm.remediation.close" },
  ({ params, audit }) => closeRemediationRequest(audit, params.id),
);

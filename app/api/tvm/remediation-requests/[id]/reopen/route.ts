import { route } from "@/lib/auth/route";
import { reopenRemediationRequest } from "@/lib/tvm";
import { RemediationRef } from "@/lib/tvm/schemas";

// POST /api/tvm/remediation-requests/[id]/reopen (tvm:report) — a closed request is tracked again from today
export const POST = route(
  { permission: "tvm:report", params: RemediationRef, audit: "tvm.remediation.reopen" },
  ({ params, audit }) => reopenRemediationRequest(audit, params.id),
);

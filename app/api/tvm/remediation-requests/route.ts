import { route } from "@/lib/auth/route";
import { createRemediationRequest, listRemediationRequests } from "@/lib/tvm";
import { RemediationListQuery, RemediationRequestInput } from "@/lib/tvm/schemas";

// GET /api/tvm/remediation-requests (console:read) — requests with progress, burndown and overdue flag
export const GET = route({ permission: "console:read", query: RemediationListQuery }, ({ query }) =>
  listRemediationRequests({ recommendationId: query.recommendationId }),
);

// POST /api/tvm/remediation-requests (tvm:report) — a Manager asks an owner to remediate a recommendation by a date
export const POST = route(
  { permission: "tvm:report", body: RemediationRequestInput, audit: "tvm.remediation.create" },
  ({ body, audit }) => createRemediationRequest(audit, body),
);

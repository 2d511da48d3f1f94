import { route } from "@/lib/auth/route";
import { deleteRemediationRequest, updateRemediationRequest } from "@/lib/tvm";
import { RemediationRef, RemediationRequestPatch } from "@/lib/tvm/schemas";

// PATCH /api/tvm/remediation-requests/[id] (tvm:report) — reassign, move the due date or rewrite the note
export const PATCH = route(
  { permission: "tvm:report", params: RemediationRef, body: RemediationRequestPatch, audit: "tvm.remediation.update" },
  ({ params, body, audit }) => updateRemediationRequest(audit, params.id, body),
);

// DELETE /api/tvm/remediation-requests/[id] (tvm:report) — remove a duplicate or mistaken request and its burndown
export const DELETE = route(
  { permission: "tvm:report", params: RemediationRef, audit: "tvm.remediation.delete" },
  ({ params, audit }) => deleteRemediationRequest(audit, params.id),
);

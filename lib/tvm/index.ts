// The vulnerability-management domain's server-side door (docs/conventions.md). Client code imports "@/lib/tvm/schemas".

export { getTvmDashboard, getExposureSummary, listDeviceGroups } from "./dashboard";
export { listVulnerabilities, getVulnerability } from "./vulnerabilities";
export { listRecommendations, getRecommendation, softwareIdOf } from "./recommendations";
export {
  createRemediationRequest,
  listRemediationRequests,
  updateRemediationRequest,
  closeRemediationRequest,
  reopenRemediationRequest,
  deleteRemediationRequest,
} from "./remediation";

// The automated-investigations domain's server-side door. Client code imports "@/lib/investigations/schemas".

export { listInvestigations, listInvestigationsOf, countPendingApproval, investigationCacheState } from "./queries";
export { startDeviceInvestigation, START_INVESTIGATION_HOURLY_LIMIT } from "./mutations";
export { investigationWriter, defenderInvestigationWriter, type InvestigationWriter } from "./writer";

// The incident domain's server-side door. Client code imports "@/lib/incidents/schemas".
export { listIncidents, countIncidents, listIncidentAssignees, incidentSlaCounts, getIncidentDetail } from "./queries";
export { triageIncident, bulkTriageIncidents } from "./mutations";
export { incidentWriter, defenderIncidentWriter, type IncidentWriter } from "./writer";

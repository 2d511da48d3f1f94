// The incident domain's server-side door. Client code imports "@/lib/incidents/schemas".
export { listIncidents, countIncidents, getIncidentDetail } from "./queries";
export { triageIncident } from "./mutations";
export { incidentWriter, defenderIncidentWriter, type IncidentWriter } from "./writer";

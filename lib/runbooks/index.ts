// The runbook domain's server-side door. Client code imports "@/lib/runbooks/schemas".
export {
  attachRunbooks,
  getIncidentRunbook,
  updateRunbookTask,
  listRunbookTemplates,
  saveRunbookTemplate,
  deleteRunbookTemplate,
  DEFAULT_TEMPLATES,
  linkTaskToAction,
} from "./runbooks";

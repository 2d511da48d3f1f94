// The deployment-posture domain's server-side door (docs/conventions.md). Client code imports "@/lib/posture/schemas".

export { getPostureSummary, listPostureTrend, getDefenderPlan } from "./summary";
export { getAsrAdvisor, refreshAsrHits, setAsrExclusions, planHasHunting } from "./asr";
export { adviseAsrRules, isExcluded, hitPath } from "./advisor";
export { getPostureReport } from "./report";
export { ASR_RULES, type AsrRule, type AsrMode } from "../cache/asr-rules";

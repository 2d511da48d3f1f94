// The deployment-posture domain's server-side door (docs/conventions.md). Client code imports "@/lib/posture/schemas".

export { getPostureSummary, listPostureTrend } from "./summary";
export { ASR_RULES, type AsrRule, type AsrMode } from "../cache/asr-rules";

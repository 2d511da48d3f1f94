// The custom-indicators domain's server-side door. Client code imports "@/lib/indicators/schemas".

export { listIndicators, indicatorMeter, indicatorsForValues, indicatorCacheState } from "./queries";
export { createIndicator, importIndicatorCsv, deleteIndicators } from "./mutations";
export { indicatorWriter, defenderIndicatorWriter, type IndicatorWriter } from "./writer";

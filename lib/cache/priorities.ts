// The SOC's five priorities, highest first, apart from the rules in ./alert-priority.ts (zod) so the browser can
// import them without zod.
export const PRIORITIES = ["Critical", "High", "Medium", "Low", "Informational"] as const;
export type Priority = (typeof PRIORITIES)[number];

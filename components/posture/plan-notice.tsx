import type { DefenderPlan } from "@/lib/posture/schemas";

/** What each Plan 2 feature is, for the notice shown where it would appear on a tenant without it. */
export const PLAN2_FEATURES = {
  hunting: {
    title: "Advanced hunting",
    what: "Querying 30 days of raw device events (processes, network, files, ASR events) with KQL.",
  },
  tvm: {
    title: "Vulnerability management",
    what: "Exposure score, vulnerable software and security recommendations per device.",
  },
  air: {
    title: "Automated investigation and response",
    what: "Defender investigating alerts on its own and remediating what it finds.",
  },
  liveResponse: {
    title: "Live response",
    what: "A remote shell on a device to collect files and run scripts during an investigation.",
  },
} as const;
export type Plan2Feature = keyof typeof PLAN2_FEATURES;

export const PLAN_LABELS: Record<DefenderPlan, string> = {
  p2: "Defender for Endpoint Plan 2",
  p1: "Defender for Endpoint Plan 1",
  business: "Defender for Business",
  none: "No Defender for Endpoint licence found",
};

/** True when the tenant's licences leave out Plan 2 features ("none" is treated as unknown, so nothing is hidden). */
export const lacksPlan2 = (plan: DefenderPlan) => plan === "p1" || plan === "business";

/** Explains, in place of a feature, that the tenant's plan does not include it: not an error, a licence fact. */
export function PlanFeatureNotice({ feature, plan }: { feature: Plan2Feature; plan: DefenderPlan }) {
  const f = PLAN2_FEATURES[feature];
  return (
    <section
      aria-labelledby={`plan-${feature}`}
      data-testid={`plan-notice-${feature}`}
      className="rounded-lg border border-sky-300 bg-sky-50 p-4 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      <h2 id={`plan-${feature}`} className="font-semibold">
        {f.title} is a Defender for Endpoint Plan 2 feature
      </h2>
      <p className="mt-1">
        This tenant is licensed for {PLAN_LABELS[plan]} (from its subscribed SKUs), which does not include it. {f.what}
      </p>
      <p className="mt-1">
        Plan 1 covers next-generation antivirus, attack surface reduction, device control and manual response actions;
        Plan 2 adds endpoint detection and response, advanced hunting, vulnerability management, automated investigation
        and live response. Compare the plans on{" "}
        <a
          className="underline"
          href="https://learn.microsoft.com/defender-endpoint/defender-endpoint-plan-1"
          target="_blank"
          rel="noreferrer"
        >
          Microsoft Learn
        </a>
        .
      </p>
    </section>
  );
}

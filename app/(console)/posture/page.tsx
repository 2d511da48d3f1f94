import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { getPostureReport } from "@/lib/posture";
import { PostureView } from "./_components/posture-view";

export const metadata: Metadata = { title: "Posture" };

// /posture — is Defender really deployed and protecting? The summary a manager reads in ten seconds, then coverage,
// antivirus and tamper, ASR with the Audit→Block advisor, mobile threat levels, troubleshooting, the checklist and
// the licence, all from the cache (the sync keeps it; nothing here calls Microsoft).
export default async function PosturePage() {
  const actor = await requireUser("console:read");
  const now = new Date();
  const report = await getPostureReport(now);
  return (
    <>
      <PageHeader
        title="Deployment posture"
        description="Which devices are not protected, why, and what to do: Intune and Defender for Endpoint compared, with the deployment guide's checklist worked out from the tenant."
      />
      <PostureView
        report={report}
        now={now.getTime()}
        canEditExclusions={actor.permissions.has("posture:exclusions")}
      />
    </>
  );
}

import { Suspense } from "react";
import { MainSection } from "@/components/ui/card-section";
import type { Actor } from "@/lib/auth/actor";
import { supportsAction, toResponseDevice, type ActionPage } from "@/lib/actions/schemas";
import { LiveResponsePanel } from "./live-response-panel";

// The device page's live response section: for people with liveresponse:run, on devices Defender can open a
// session on (onboarded, not iOS or Android). Mounted by the device page with one line.
export function LiveResponseSection({
  actor,
  device,
  fourEyes,
  actions,
  renderedAt,
}: {
  actor: Actor;
  device: Parameters<typeof toResponseDevice>[0];
  fourEyes: boolean;
  actions: ActionPage;
  renderedAt: number;
}) {
  if (
    !actor.permissions.has("liveresponse:run") ||
    !device.inMde ||
    !supportsAction(device.platform, "RunAntiVirusScan")
  )
    return null;
  return (
    <MainSection id="live-response-title" title="Live response">
      <Suspense>
        <LiveResponsePanel
          device={toResponseDevice(device)}
          fourEyes={fourEyes}
          initialActions={actions}
          renderedAt={renderedAt}
        />
      </Suspense>
    </MainSection>
  );
}

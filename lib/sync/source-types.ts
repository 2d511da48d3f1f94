import type { Page as SourcePage } from "../microsoft";
import type {
  SourceAlert,
  SourceMachine,
  SourceManagedDevice,
  SourceMachineAction,
  SourceIncident,
  SourceVulnerability,
  SourceMachineVulnerability,
  SourceRecommendation,
  SourceSoftware,
  SourceScore,
} from "../cache/source-types";

/** Everything the sync pulls, as async page streams. Implemented over the real clients in sources.ts. */
export interface SyncSources {
  alertPages(opts: { updatedSince?: Date }): AsyncIterable<SourcePage<SourceAlert>>;
  incidentPages(opts: { updatedSince?: Date }): AsyncIterable<SourcePage<SourceIncident>>;
  machinePages(opts: { seenSince?: Date }): AsyncIterable<SourcePage<SourceMachine>>;
  managedDevicePages(opts: { syncedSince?: Date }): AsyncIterable<SourcePage<SourceManagedDevice>>;
  machineActionPages(opts: { createdSince?: Date }): AsyncIterable<SourcePage<SourceMachineAction>>;
  vulnerabilityPages(): AsyncIterable<SourcePage<SourceVulnerability>>;
  machineVulnerabilityPages(): AsyncIterable<SourcePage<SourceMachineVulnerability>>;
  recommendationPages(): AsyncIterable<SourcePage<SourceRecommendation>>;
  softwarePages(): AsyncIterable<SourcePage<SourceSoftware>>;
  exposureScore(): Promise<SourceScore>;
  exposureScoreByGroups(): Promise<(SourceScore & { rbacGroupName: string })[]>;
  configurationScore(): Promise<SourceScore>;
  /** HTTP calls made so far (all providers, retries included). */
  calls(): number;
  /** Runs `work` and counts the HTTP calls made on its behalf alone, even while other work runs alongside. */
  countCalls<T>(
    work: () => Promise<T>,
  ): Promise<{ ok: true; result: T; calls: number } | { ok: false; error: unknown; calls: number }>;
}

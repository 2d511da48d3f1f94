import type { EmulatedClock } from "./clock";
import type { ListEnv } from "./http/list-response";
import type { IndicatorStore } from "./defender/indicator-store";
import type { InvestigationStore } from "./defender/investigation-store";
import type { LibraryStore } from "./defender/library-store";
import type { LiveResultLinks } from "./defender/live-result-links";
import type { MachineActionStore } from "./defender/machine-action-store";
import type { HuntingData } from "./hunting/tables/source";
import type { Tenant } from "./tenant/tenant";

/** What route handlers share. */
export interface ApiEnv extends ListEnv {
  tenant: Tenant;
  clock: EmulatedClock;
  actions: MachineActionStore;
  investigations: InvestigationStore;
  library: LibraryStore;
  liveResults: LiveResultLinks;
  indicators: IndicatorStore;
  /** The hunting tables, built on first use and shared by runHuntingQuery and custom detection runs. */
  huntingData: () => HuntingData;
}

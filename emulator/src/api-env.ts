import type { EmulatedClock } from "./clock";
import type { ListEnv } from "./http/list-response";
import type { MachineActionStore } from "./defender/machine-action-store";
import type { HuntingData } from "./hunting/tables/source";
import type { Tenant } from "./tenant/tenant";

/** What route handlers share. */
export interface ApiEnv extends ListEnv {
  tenant: Tenant;
  clock: EmulatedClock;
  actions: MachineActionStore;
  /** The hunting tables, built on first use and shared by runHuntingQuery and custom detection runs. */
  huntingData: () => HuntingData;
}

import type { EmulatedClock } from "./clock";
import type { ListEnv } from "./http/list-response";
import type { MachineActionStore } from "./defender/machine-action-store";
import type { Tenant } from "./tenant/tenant";

/** What route handlers share. */
export interface ApiEnv extends ListEnv {
  tenant: Tenant;
  clock: EmulatedClock;
  actions: MachineActionStore;
}

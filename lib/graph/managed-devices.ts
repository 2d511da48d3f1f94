import type { GraphClient } from "./client";
import type { Page } from "../microsoft";
import { odataDateTime } from "../microsoft";
import { ManagedDevice } from "./schemas";

// GET /v1.0/deviceManagement/managedDevices (learn.microsoft.com/graph/api/intune-devices-manageddevice-list).
// Requires an Intune licence and DeviceManagementManagedDevices.Read.All.

/** Page size: Graph's usual $top limit is 1,000; Microsoft documents no maximum for managedDevices. */
export const MANAGED_DEVICES_MAX_PAGE = 1_000;

export interface ManagedDevicePagesOptions {
  /** Only devices with lastSyncDateTime ≥ this. */
  syncedSince?: Date;
  pageSize?: number;
  maxPages?: number;
}

export function managedDevicePages(
  client: GraphClient,
  opts: ManagedDevicePagesOptions = {},
): AsyncGenerator<Page<ManagedDevice>> {
  return client.pages({
    path: "/deviceManagement/managedDevices",
    query: { $filter: opts.syncedSince ? `lastSyncDateTime ge ${odataDateTime(opts.syncedSince)}` : undefined },
    itemSchema: ManagedDevice,
    pageSize: Math.min(opts.pageSize ?? MANAGED_DEVICES_MAX_PAGE, MANAGED_DEVICES_MAX_PAGE),
    maxPages: opts.maxPages,
  });
}

export function getManagedDevice(client: GraphClient, id: string): Promise<ManagedDevice> {
  return client.request({
    method: "GET",
    path: `/deviceManagement/managedDevices/${encodeURIComponent(id)}`,
    statsPath: "/deviceManagement/managedDevices/{id}",
    schema: ManagedDevice,
  });
}

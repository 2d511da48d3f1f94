// The one door to the Microsoft Graph client (Intune managed devices).

export {
  createGraphClient,
  type GraphClient,
  type GraphClientOptions,
  type GraphRequestOp,
  type GraphPagesOp,
} from "./client";
export {
  managedDevicePages,
  getManagedDevice,
  MANAGED_DEVICES_MAX_PAGE,
  type ManagedDevicePagesOptions,
} from "./managed-devices";
export { ManagedDevice } from "./schemas";
export { ProviderError, PagingError, type Page, type SkippedRecord, type ProviderStats } from "../microsoft";

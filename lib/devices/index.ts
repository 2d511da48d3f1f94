// The device domain's server-side door (docs/conventions.md). Client code imports "@/lib/devices/schemas" instead.

export {
  listDevices,
  countDevices,
  devicesCsv,
  deviceCacheState,
  listDeviceFilterOptions,
  DEVICE_CSV_HEADER,
  type DeviceListOptions,
} from "./queries";
export { getDeviceDetail, deviceIdForMachine } from "./detail";
export { refreshLogonUsers, logonUserRefresh, type LogonUserReader } from "./logon-users";

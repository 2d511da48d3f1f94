import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { deviceCacheState, listDeviceFilterOptions, listDevices } from "@/lib/devices";
import { DeviceView, deviceViewToSearch } from "@/lib/devices/schemas";
import { DeviceInventory } from "./_components/device-inventory";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { getActionSettings } from "@/lib/actions";

export const metadata: Metadata = { title: "Devices" };

type Search = Record<string, string | string[] | undefined>;

// /devices — the inventory from the cache. The URL is the view (tab, filters, search, sort), so it can be shared.
export default async function DevicesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const raw = await searchParams;
  const { value: view, ignored } = parseLeniently(DeviceView, raw);
  const now = new Date();
  const canRespond = actor.permissions.has("actions:respond");
  const [page, cache, options, settings] = await Promise.all([
    listDevices(view, { limit: 50, now }),
    deviceCacheState(),
    listDeviceFilterOptions(),
    canRespond ? getActionSettings() : null,
  ]);
  return (
    <>
      <PageHeader
        title="Devices"
        description="Defender for Endpoint and Intune merged into one row per device. Response actions go to Defender and change the device only when Defender reports success."
      />
      <IgnoredParameters names={ignored} />
      <DeviceInventory
        view={view}
        search={deviceViewToSearch(view).toString()}
        initialPage={page}
        now={now.getTime()}
        canRespond={canRespond}
        fourEyes={settings?.fourEyes ?? false}
        cache={cache}
        options={options}
      />
    </>
  );
}

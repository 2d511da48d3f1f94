import Link from "next/link";
import type { ReactNode } from "react";
import { RowsTable, Td } from "@/components/ui/table";
import type { ExposedDevice } from "@/lib/tvm/schemas";
import { label } from "@/lib/labels";

/** Devices still exposed (to a CVE or a recommendation's software), each linking to its device page. */
export function ExposedDeviceTable({
  devices,
  caption,
  empty,
}: {
  devices: ExposedDevice[];
  caption: string;
  empty: ReactNode;
}) {
  return (
    <RowsTable
      caption={caption}
      columns={["Device", "Device group", "Exposure", "Software", "Fix", "First seen"]}
      rows={devices}
      empty={empty}
      row={(d) => (
        <tr key={d.machineId} data-device-id={d.id ?? d.machineId}>
          <Td>
            {d.id ? (
              <Link href={`/devices/${d.id}`} className="font-medium text-blue-700 underline dark:text-blue-300">
                {d.name}
              </Link>
            ) : (
              <span title="Not in the device inventory yet">{d.name}</span>
            )}
          </Td>
          <Td>{d.group ?? "—"}</Td>
          <Td>{label("exposureLevel", d.exposureLevel)}</Td>
          <Td className="text-xs">{d.software}</Td>
          <Td className="text-xs">{d.fixingKbId ? `KB${d.fixingKbId}` : "No fix listed"}</Td>
          <Td className="whitespace-nowrap text-xs">{d.firstSeenAt.slice(0, 10)}</Td>
        </tr>
      )}
    />
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import type { ExposedDevice } from "@/lib/tvm/schemas";

/** Devices still exposed (to a CVE or a recommendation's software), each linking to its device page. */
export function ExposedDeviceTable({ devices, caption, empty }: { devices: ExposedDevice[]; caption: string; empty: ReactNode }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Device</Th>
          <Th>Device group</Th>
          <Th>Exposure</Th>
          <Th>Software</Th>
          <Th>Fix</Th>
          <Th>First seen</Th>
        </tr>
      </thead>
      <tbody>
        {devices.length === 0 ? (
          <EmptyRow colSpan={6}>{empty}</EmptyRow>
        ) : (
          devices.map((d) => (
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
              <Td>{d.exposureLevel ?? "—"}</Td>
              <Td className="text-xs">{d.software}</Td>
              <Td className="text-xs">{d.fixingKbId ? `KB${d.fixingKbId}` : "No fix listed"}</Td>
              <Td className="whitespace-nowrap text-xs">{d.firstSeenAt.slice(0, 10)}</Td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}

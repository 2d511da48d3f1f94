import type { DeliveryLogRow } from "@/lib/notifications/schemas";
import { formatUtc } from "@/components/ui/format";
import { RowsTable, Td } from "@/components/ui/table";
import { label } from "@/lib/labels";

/** The latest delivery attempts (Admins): when, what, where, how it went and, for a retry, when the next one is. */
export function DeliveryLogTable({ log }: { log: DeliveryLogRow[] }) {
  return (
    <RowsTable
      caption="Latest delivery attempts"
      columns={["When", "Event", "Channel", "Outcome", "Details"]}
      rows={log}
      empty="Nothing sent yet."
      row={(l, i) => (
        <tr key={`${l.eventId}-${l.channelId}-${l.attempt}-${i}`}>
          <Td>{formatUtc(l.at)}</Td>
          <Td>{l.title}</Td>
          <Td>{l.channelName ?? "(deleted)"}</Td>
          <Td>{label("deliveryOutcome", l.outcome)}</Td>
          <Td>
            {l.error ?? ""}
            {l.nextAttemptAt ? ` Next attempt ${formatUtc(l.nextAttemptAt)}.` : ""}
          </Td>
        </tr>
      )}
    />
  );
}

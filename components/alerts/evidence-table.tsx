import { RowsTable, Td } from "@/components/ui/table";
import type { AlertEvidenceRow } from "@/lib/alerts/schemas";

/** Evidence as Defender lists it: what it is, where, and the hashes to pivot on. */
export function EvidenceTable({ evidence }: { evidence: AlertEvidenceRow[] }) {
  return (
    <RowsTable
      caption="Evidence"
      columns={["Type", "Entity", "Details", "Hashes", "Detection"]}
      rows={evidence}
      empty="No evidence on this alert."
      row={(e, i) => {
        const entity =
          e.fileName ??
          e.ipAddress ??
          e.url ??
          e.registryKey ??
          (e.accountName ? `${e.domainName ? `${e.domainName}\\` : ""}${e.accountName}` : null) ??
          e.userPrincipalName ??
          "—";
        return (
          <tr key={i}>
            <Td className="text-xs">{e.entityType}</Td>
            <Td className="break-all font-mono text-xs">{entity}</Td>
            <Td className="max-w-md break-all font-mono text-xs">
              {e.filePath ? <span className="block">{e.filePath}</span> : null}
              {e.processCommandLine ? <span className="block">{e.processCommandLine}</span> : null}
              {e.processId !== null ? (
                <span className="block">
                  pid {e.processId}
                  {e.parentProcessFileName ? ` · parent ${e.parentProcessFileName}` : ""}
                </span>
              ) : null}
              {e.registryValue ? <span className="block">{e.registryValue}</span> : null}
              {e.userPrincipalName && e.accountName ? <span className="block">{e.userPrincipalName}</span> : null}
            </Td>
            <Td className="break-all font-mono text-xs">
              {e.sha256 ? <span className="block">SHA-256 {e.sha256}</span> : null}
              {e.sha1 ? <span className="block">SHA-1 {e.sha1}</span> : null}
              {!e.sha256 && !e.sha1 ? "—" : null}
            </Td>
            <Td className="text-xs">{e.detectionStatus ?? "—"}</Td>
          </tr>
        );
      }}
    />
  );
}

import type { ReactNode } from "react";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";

/** One column of a chart's table view and CSV: `value` is the raw figure, `render` how a cell shows it. */
export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number | boolean | null;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

export function DataTable<T>({ caption, columns, rows, empty, rowKey }: { caption: string; columns: Column<T>[]; rows: T[]; empty: ReactNode; rowKey: (row: T) => string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {columns.map((c) => (
            <Th key={c.key} className={c.numeric ? "text-right" : undefined}>
              {c.label}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <EmptyRow colSpan={columns.length}>{empty}</EmptyRow>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <Td key={c.key} className={c.numeric ? "text-right tabular-nums" : undefined}>
                  {c.render ? c.render(row) : String(c.value(row) ?? "—")}
                </Td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}

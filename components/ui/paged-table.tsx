/** A keyset-paged list as a table: loading and error states, an empty state, rows, and the pager. */
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { QueryView } from "./states";
import { Pager, Table, Th } from "./table";

export function PagedTable<T, R>({
  query,
  pager,
  rowsOf,
  empty,
  label,
  testId,
  columns,
  renderRow,
}: {
  query: UseQueryResult<T>;
  pager: Parameters<typeof Pager>[0];
  rowsOf: (data: T) => R[];
  empty: ReactNode;
  label: string;
  testId?: string;
  columns: ReactNode[];
  renderRow: (row: R) => ReactNode;
}) {
  return (
    <QueryView query={query}>
      {(data) => {
        const rows = rowsOf(data);
        if (rows.length === 0) return empty;
        return (
          <>
            <Table label={label} testId={testId}>
              <thead>
                <tr>
                  {columns.map((column, index) => (
                    <Th key={index}>{column}</Th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">{rows.map(renderRow)}</tbody>
            </Table>
            <Pager {...pager} />
          </>
        );
      }}
    </QueryView>
  );
}

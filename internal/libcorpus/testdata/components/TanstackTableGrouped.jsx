import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
} from "@tanstack/react-table";

// @tanstack/react-table with grouped headers (colSpan, placeholders), a
// global filter, sorting by two columns, a hidden column, pagination and a
// footer row.
const col = createColumnHelper();
const columns = [
  col.group({
    id: "person",
    header: "Person",
    columns: [
      col.accessor("first", { header: "First", footer: (c) => `${c.table.getFilteredRowModel().rows.length} rows` }),
      col.accessor("last", { header: () => <i>Last</i> }),
    ],
  }),
  col.group({
    id: "stats",
    header: "Stats",
    columns: [
      col.accessor("age", { header: "Age", cell: (c) => <b>{c.getValue()}</b> }),
      col.accessor((r) => r.visits * 2, { id: "double", header: "2× visits" }),
      col.accessor("secret", { header: "Secret" }),
    ],
  }),
  col.display({ id: "actions", header: "", cell: (c) => <button data-row={c.row.id}>edit</button> }),
];

export default function TanstackTableGrouped({ rows, filter, pageSize }) {
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    initialState: {
      sorting: [{ id: "age", desc: false }, { id: "first", desc: true }],
      columnVisibility: { secret: false },
      globalFilter: filter,
      pagination: { pageIndex: 0, pageSize },
    },
  });
  return (
    <table>
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => (
              <th key={h.id} colSpan={h.colSpan} data-sorted={h.column.getIsSorted() || undefined}>
                {h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((r) => (
          <tr key={r.id}>
            {r.getVisibleCells().map((c) => (
              <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        {table.getFooterGroups().slice(-1).map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => (
              <td key={h.id}>{h.isPlaceholder ? null : flexRender(h.column.columnDef.footer, h.getContext())}</td>
            ))}
          </tr>
        ))}
      </tfoot>
      <caption>
        page {table.getState().pagination.pageIndex + 1} of {table.getPageCount()}
      </caption>
    </table>
  );
}

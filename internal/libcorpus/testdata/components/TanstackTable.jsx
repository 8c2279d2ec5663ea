import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable } from "@tanstack/react-table";

const col = createColumnHelper();
const columns = [col.accessor("name", { header: "Name" }), col.accessor("age", { header: () => <b>Age</b>, cell: (i) => i.getValue() + " y" })];

export default function TanstackTable({ rows }) {
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel(), initialState: { sorting: [{ id: "age", desc: true }] } });
  return (
    <table>
      <thead>{table.getHeaderGroups().map((g) => <tr key={g.id}>{g.headers.map((h) => <th key={h.id}>{flexRender(h.column.columnDef.header, h.getContext())}</th>)}</tr>)}</thead>
      <tbody>{table.getRowModel().rows.map((r) => <tr key={r.id}>{r.getVisibleCells().map((c) => <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}</tr>)}</tbody>
    </table>
  );
}

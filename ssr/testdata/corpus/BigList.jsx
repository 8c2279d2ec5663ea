// A 100-row list: deterministic rows from a seed, with number formatting,
// keys, class toggles and text separators in every row.
function rows(count, seed) {
  const out = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push({ id: `p${i}`, name: `Product ${i + 1}`, price: (x % 100000) / 100, stock: x % 7, sale: x % 3 === 0 });
  }
  return out;
}

const fmt = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export default function BigList({ count, seed }) {
  const items = rows(count, seed);
  return (
    <table className="products">
      <thead>
        <tr><th>#</th><th>Name</th><th>Price</th><th>Stock</th></tr>
      </thead>
      <tbody>
        {items.map((p, i) => (
          <tr key={p.id} id={p.id} className={p.sale ? "row sale" : "row"} data-index={i}>
            <td>{i + 1}</td>
            <td>{p.name}{p.sale && <em> (sale)</em>}</td>
            <td>{fmt.format(p.price)}</td>
            <td>{p.stock > 0 ? `${p.stock} left` : "sold out"}</td>
            <td>{p.price.toFixed(2)} / {p.price}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr><td colSpan={4}>{items.length} rows, total {fmt.format(items.reduce((s, p) => s + p.price, 0))}</td></tr>
      </tfoot>
    </table>
  );
}

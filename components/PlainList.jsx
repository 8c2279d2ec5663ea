// PlainList is the benchmark's plain React island: what most components
// look like (markup from props, class names, links, text, a number with
// toFixed, a conditional, a data attribute) and no Intl calls, so the
// renderer's own cost is what gets measured.
export default function PlainList({ items = [], title = "Items" }) {
  return (
    <section className="plain-list">
      <h2>
        {title} ({items.length})
      </h2>
      <ul>
        {items.map((it) => (
          <li key={it.id} className={it.featured ? "item featured" : "item"}>
            <a href={`/items/${it.id}`}>{it.name}</a>
            <span className="price">${it.price.toFixed(2)}</span>
            {it.featured && <em>featured</em>}
            <button type="button" data-id={it.id}>
              Add
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

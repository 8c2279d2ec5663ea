import { useId, useMemo, useState } from "react";
import styles from "./ProductList.module.css";
import { formatPrice } from "./_lib/format.js";

// ProductList is the catalog island: a text filter and add-to-cart buttons.
export default function ProductList({ products = [], currency = "USD" }) {
  const [query, setQuery] = useState("");
  const [cart, setCart] = useState({});
  const filterId = useId();
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? products.filter((p) => p.name.toLowerCase().includes(q)) : products;
  }, [products, query]);
  const count = Object.values(cart).reduce((a, b) => a + b, 0);

  return (
    <section className={styles.catalog} aria-label="Products">
      <div className={styles.toolbar}>
        <label htmlFor={filterId}>Filter</label>
        <input
          id={filterId}
          type="search"
          value={query}
          placeholder="Search products"
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className={styles.cart} data-testid="cart-count">
          Cart: {count} {count === 1 ? "item" : "items"}
        </span>
      </div>
      <ul className={styles.grid}>
        {shown.map((p) => (
          <li key={p.id} className={styles.card}>
            <a href={`/products/${p.id}`}>{p.name}</a>
            <span className={styles.price}>{formatPrice(p.price, currency)}</span>
            <button
              type="button"
              data-testid={`add-${p.id}`}
              onClick={() => setCart((c) => ({ ...c, [p.id]: (c[p.id] || 0) + 1 }))}
            >
              Add to cart{cart[p.id] ? ` (${cart[p.id]})` : ""}
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p>No products match “{query}”.</p>}
    </section>
  );
}

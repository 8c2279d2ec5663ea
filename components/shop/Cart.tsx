import { useState } from "react";

type Item = { id: string; name: string; qty: number };

// Cart shows the items in the basket and lets a shopper remove them.
export default function Cart({ items = [] }: { items?: Item[] }) {
  const [list, setList] = useState<Item[]>(items);
  return (
    <aside className="cart">
      <h2>Your cart ({list.length})</h2>
      <ul>
        {list.map((it) => (
          <li key={it.id}>
            {it.name} × {it.qty}{" "}
            <button type="button" onClick={() => setList(list.filter((x) => x.id !== it.id))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

import styles from "./Cart.module.css";

type Item = { id: string; name: string };

// Cart is a TypeScript component in a subdirectory: job names such as
// "shop/Cart.tsx" map to the component "shop/Cart".
export default function Cart({ items = [] }: { items?: Item[] }) {
  return (
    <ul className={"cart " + styles.cart}>
      {items.map((it) => (
        <li key={it.id}>{it.name}</li>
      ))}
    </ul>
  );
}

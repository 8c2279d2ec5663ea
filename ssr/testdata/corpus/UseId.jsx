import { useId } from "react";

// useId: ids derive from the position in the tree, so server and client
// must render the same tree shape; several per component, nested, in lists.
function Field({ label, children }) {
  const id = useId();
  const hint = useId();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint} />
      <small id={hint}>{hint}</small>
      {children}
    </div>
  );
}

function Group({ items }) {
  const id = useId();
  return (
    <fieldset aria-labelledby={id}>
      <legend id={id}>{id}</legend>
      {items.map((it) => (
        <Field key={it} label={it}>
          {it === "b" ? <Field label="nested" /> : null}
        </Field>
      ))}
    </fieldset>
  );
}

export default function UseId({ items }) {
  const a = useId();
  const b = useId();
  return (
    <form id={a} data-second={b}>
      <Group items={items} />
      <>
        <Field label="in fragment" />
      </>
      {[1, 2, 3].map((n) => <Group key={n} items={[`x${n}`]} />)}
    </form>
  );
}

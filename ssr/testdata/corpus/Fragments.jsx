import { Fragment, Suspense } from "react";

// Fragments, keyed fragments, nested arrays, and children that render
// nothing (null, false, true, undefined) next to ones that do ("", 0).
export default function Fragments({ items }) {
  return (
    <>
      <h2>Fragments</h2>
      <>
        <>deep</>
        {null}
        {false}
        {true}
        {undefined}
        {""}
        {0}
        {NaN}
      </>
      <dl>
        {items.map((it) => (
          <Fragment key={it.id}>
            <dt>{it.term}</dt>
            <dd>{it.desc}</dd>
          </Fragment>
        ))}
      </dl>
      {[["a", "b"], [["c"], "d"], []]}
      {items.length > 0 && <p>has items</p>}
      {items.length === 0 && <p>empty</p>}
      {items.length ? null : "none"}
      <Suspense fallback={<p>loading</p>}>
        <span>resolved</span>
      </Suspense>
      text at end
    </>
  );
}

// TemplateChildren hands host JSX to code that inspects and rebuilds
// elements: Children.map with cloneElement, isValidElement, .type and
// .props reads, Children.toArray keys, an element kept and rendered twice,
// and a host element spread into another's props. In ssrgate's server
// build these children are template instances (internal/reactfast/jsxtpl),
// so this checks that they behave as the elements jsx() makes.
import { Children, cloneElement, isValidElement } from "react";

function Decorate({ children, tone }) {
  return (
    <div className="decorated">
      {Children.map(children, (child, i) =>
        isValidElement(child) && typeof child.type === "string"
          ? cloneElement(child, { className: `${tone}-${i} ${child.props.className || ""}`.trim(), "data-type": child.type })
          : child,
      )}
    </div>
  );
}

function Describe({ children }) {
  const list = Children.toArray(children);
  return (
    <ul className="describe">
      {list.map((c) => (
        <li key={c.key}>
          {isValidElement(c) ? `${c.type} key=${c.key} kids=${Children.count(c.props.children)} title=${c.props.title ?? "-"}` : String(c)}
        </li>
      ))}
    </ul>
  );
}

export default function TemplateChildren({ items = [], tone = "warm" }) {
  const badge = <span className="badge" title="kept">{items.length} items</span>;
  const attrs = (<a href="/x" title="spread">x</a>).props;
  return (
    <section>
      <Decorate tone={tone}>
        <p className="first">One {tone}</p>
        text between
        <em>two</em>
        {items.map((it) => (
          <b key={it}>{it}</b>
        ))}
      </Decorate>
      <Describe>
        {items.map((it, i) => (
          <i key={`k${it}`} title={i % 2 ? it : undefined}>
            {it} <small>{i}</small>
          </i>
        ))}
        plain
      </Describe>
      {badge}
      <footer>{badge}</footer>
      <a {...attrs} data-n={items.length}>
        spread {attrs.title}
      </a>
    </section>
  );
}

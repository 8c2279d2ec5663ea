import { Fragment, forwardRef, memo, Component, createContext, Suspense, useId } from "react";

// useId encodes the component's position in the tree: every child index
// along the path of components that called useId, forked by arrays,
// fragments, keyed lists, memo, forwardRef, providers, class components and
// Suspense; more than 32 siblings needs the longer base-32 form.
const Ctx = createContext(null);

function Id({ tag = "span" }) {
  const id = useId();
  const Tag = tag;
  return <Tag id={id}>{id}</Tag>;
}

function Twice() {
  const a = useId();
  const b = useId();
  return (
    <em data-a={a} data-b={b}>
      <Id />
    </em>
  );
}

function NoId({ children }) {
  return <>{children}</>;
}

const MemoId = memo(Id);
const FwdId = forwardRef(function FwdId(props, ref) {
  const id = useId();
  return (
    <b ref={ref} id={id}>
      <Id />
    </b>
  );
});

class Klass extends Component {
  render() {
    return (
      <section>
        <Id />
        {this.props.children}
      </section>
    );
  }
}

export default function UseIdPositions({ n, wide }) {
  const top = useId();
  const rows = Array.from({ length: n }, (_, i) => i);
  return (
    <div id={top}>
      <Id />
      {rows.map((i) => (
        <Id key={i} />
      ))}
      {rows.map((i) => (
        <Fragment key={i}>
          <Id />
          <Twice />
        </Fragment>
      ))}
      {[[<Id key="x" />, [<Id key="y" />]], <Id key="z" />]}
      <>
        <>
          <Id />
        </>
      </>
      <NoId>
        <NoId>
          <Id />
        </NoId>
        <Id />
      </NoId>
      <MemoId tag="i" />
      <FwdId />
      <Ctx value="v">
        <Id />
        <Ctx.Provider value="w">
          <Id />
        </Ctx.Provider>
      </Ctx>
      <Klass>
        <Id />
      </Klass>
      <Suspense fallback={null}>
        <Id />
      </Suspense>
      <ul>
        {Array.from({ length: wide }, (_, i) => (
          <li key={i}>
            <Id />
          </li>
        ))}
      </ul>
      <p>
        {Array.from({ length: wide }, (_, i) => (
          <Id key={i} tag="i" />
        ))}
      </p>
    </div>
  );
}

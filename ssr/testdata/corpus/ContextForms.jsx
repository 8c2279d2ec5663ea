import { Component, createContext, use, useContext } from "react";

// Every way to provide and read a context: the default value with no
// provider, <Ctx.Provider>, the React 19 <Ctx value> form, nesting that
// overrides and then restores, <Ctx.Consumer> render props, use(Ctx) (also
// inside a condition), useContext, and a class's contextType; values that
// are objects, undefined and null.
const Label = createContext("default label");
const Obj = createContext({ size: "m" });
const Maybe = createContext("unset");

function Read() {
  const label = useContext(Label);
  const obj = use(Obj);
  return (
    <span data-size={obj?.size}>
      {label}
    </span>
  );
}

function Conditional({ read }) {
  if (read) {
    return <em>{String(use(Maybe))}</em>;
  }
  return <em>skipped</em>;
}

class ClassReader extends Component {
  static contextType = Obj;
  render() {
    return <i>{JSON.stringify(this.context)}</i>;
  }
}

export default function ContextForms({ label, size }) {
  return (
    <div>
      <Read />
      <Label.Provider value={label}>
        <Read />
        <Label value={`${label}, inner`}>
          <Read />
          <Obj value={{ size }}>
            <Read />
            <ClassReader />
          </Obj>
        </Label>
        <Read />
        <Label.Consumer>{(v) => <b>{v}</b>}</Label.Consumer>
        <Obj.Consumer>
          {(o) => (
            <>
              consumer {o.size} <Read />
            </>
          )}
        </Obj.Consumer>
      </Label.Provider>
      <Read />
      <ClassReader />
      <Maybe value={undefined}>
        <Conditional read />
        <Maybe value={null}>
          <Conditional read />
        </Maybe>
      </Maybe>
      <Conditional read={false} />
      <Conditional read />
    </div>
  );
}

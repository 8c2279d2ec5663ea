// Adjacent text and expressions: React separates neighbouring text nodes
// with <!-- --> so the client can split them again when hydrating.
export default function TextSeparators({ name, count, unit, empty }) {
  return (
    <div>
      <p>Hello {name}!</p>
      <p>{count} {unit}</p>
      <p>{count}{unit}</p>
      <p>{name}</p>
      <p>{"a"}{"b"}{"c"}</p>
      <p>Total: {count * 2} ({count}) items</p>
      <p>{empty}{name}{empty}</p>
      <p>{`template ${name}`} and {0} and {-1.5}</p>
      <p>{null}{name}{false}{"!"}{undefined}</p>
      <span>{count}</span>
      {name}
      {" "}
      {unit}
    </div>
  );
}

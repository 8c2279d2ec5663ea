// Iteration order of props objects: integer-like keys ascending first, then
// string keys in the order the JSON gave them. A component that lists a map
// of sections renders them in authoring order in Node.
export default function PropsOrder({ sections, scores }) {
  return (
    <div>
      {Object.entries(sections).map(([k, v]) => (
        <section key={k} id={k}>{v}</section>
      ))}
      <p>{Object.keys(scores).join(",")}</p>
      <pre>{JSON.stringify(sections)}</pre>
    </div>
  );
}

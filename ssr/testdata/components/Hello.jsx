export default function Hello({ name = "world" }) {
  return <p className="hello">Hello, {name}!</p>;
}

export default function Hello({ name = "world" }) {
  return <p>Hello, {name}!</p>;
}

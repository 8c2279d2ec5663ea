export default function Ok({ n = 0 }) {
  return <p className="ok">ok {n}</p>;
}

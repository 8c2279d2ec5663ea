import { produce } from "immer";

export default function Immer({ state }) {
  const next = produce(state, (d) => {
    d.items.push({ id: 3, done: false });
    d.items[0].done = true;
  });
  return <pre>{JSON.stringify(next)} {String(next.items[1] === state.items[1])} {String(Object.isFrozen(next))}</pre>;
}

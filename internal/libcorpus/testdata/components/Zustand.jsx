import { createStore, useStore } from "zustand";

const store = createStore((set) => ({ todos: ["write", "test"], add: (t) => set((s) => ({ todos: [...s.todos, t] })) }));

export default function Zustand({ extra }) {
  const todos = useStore(store, (s) => s.todos);
  return <ol>{[...todos, extra].map((t) => <li key={t}>{t}</li>)}</ol>;
}

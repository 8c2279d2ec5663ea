import { z } from "zod";

const User = z.object({ name: z.string().min(2), email: z.string().email(), age: z.number().int().positive().optional() });

export default function Zod({ input }) {
  const r = User.safeParse(input);
  return r.success ? <p>ok {r.data.name}</p> : <ul>{r.error.issues.map((i, n) => <li key={n}>{i.path.join(".")}: {i.message}</li>)}</ul>;
}

// Counted shows how many times this runtime has rendered it, so tests can
// tell a cache hit (same number) from a fresh render.
export default function Counted({ label = "n" }) {
  globalThis.__counted = (globalThis.__counted || 0) + 1;
  return <b>{label}={globalThis.__counted}</b>;
}

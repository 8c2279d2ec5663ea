// FailsFrom renders until this runtime has rendered it `from` times, then
// throws: a component that started failing, for the render cache's refresh
// tests. A failed render replaces the runtime, which starts counting anew.
export default function FailsFrom({ from = 2 }) {
  globalThis.__failsFrom = (globalThis.__failsFrom || 0) + 1;
  if (globalThis.__failsFrom >= from) {
    throw new Error("FailsFrom: render " + globalThis.__failsFrom);
  }
  return <i>ok {globalThis.__failsFrom}</i>;
}

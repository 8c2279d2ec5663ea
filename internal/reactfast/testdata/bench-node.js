// Times react-dom/server renderToString of components/PlainList.jsx in
// Node, for BenchmarkPlainList's side-by-side ratio. stdin: a JSON array of
// props objects; stdout: a JSON array with, per props object, [wall, cpu]
// nanoseconds per render, each the best of five timed batches after a
// half-second warm-up (cpu is the process's user+system time, which a
// busy machine inflates less than wall time).
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import PlainList from "../../../components/PlainList.jsx";

let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const out = [];
  for (const props of JSON.parse(input)) {
    const render = () => renderToString(createElement(PlainList, props));
    const start = process.hrtime.bigint();
    let warm = 0;
    while (process.hrtime.bigint() - start < 500_000_000n) {
      render();
      warm++;
    }
    const n = Math.max(5, Math.ceil(warm / 2));
    let best = Infinity,
      bestCPU = Infinity;
    for (let b = 0; b < 5; b++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) render();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / n);
      const c = process.cpuUsage(c0);
      bestCPU = Math.min(bestCPU, ((c.user + c.system) * 1000) / n);
    }
    out.push([best, bestCPU]);
  }
  process.stdout.write(JSON.stringify(out));
});

// The report every browser script prints: one JSON object on stdout,
//   { "checks": [{ "name", "ok", "detail" }], "console": [...], "requests": [...], "screenshot", "fatal" }
// read by runScript in islands_test.go.

// newReport starts a report whose watchdog prints what was gathered and
// exits if the script is still running after ms, so a script never hangs.
export function newReport(script, ms) {
  const report = { checks: [], console: [], requests: [], screenshot: "", fatal: "" };
  let printed = false;
  function print() {
    if (printed) return;
    printed = true;
    process.stdout.write(JSON.stringify(report) + "\n");
  }
  const watchdog = setTimeout(() => {
    report.fatal = `${script} watchdog fired after ${ms / 1000}s`;
    print();
    process.exit(3);
  }, ms);
  function check(name, ok, detail) {
    report.checks.push({ name, ok: !!ok, detail: detail || "" });
  }
  // run runs one named check; an exception fails that check only.
  async function run(name, fn) {
    try {
      await fn();
    } catch (err) {
      check(name, false, `exception: ${err && err.stack ? err.stack.split("\n").slice(0, 5).join("\n") : err}`);
    }
  }
  // finish stops the watchdog and prints the report.
  function finish() {
    clearTimeout(watchdog);
    print();
  }
  return { report, check, run, finish };
}

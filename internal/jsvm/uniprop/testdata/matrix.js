// matrix.js runs in goja (after uniprop.Install) and in Node: for each case [body, codePoints], it tests
// every code point against ^\p{body}$, ^\P{body}$ and [\p{body}] and returns one line per case; a body the
// engine rejects gives "ERR " and the error's name.
(function matrix(cases) {
  const out = [];
  for (const [body, cps] of cases) {
    let res;
    try {
      const pos = new RegExp(`^\\p{${body}}$`, "u");
      const neg = new RegExp(`^\\P{${body}}$`, "u");
      const cls = new RegExp(`^[x\\p{${body}}]$`, "u");
      const ncls = new RegExp(`^[^\\p{${body}}]$`, "u");
      res = cps
        .map((c) => {
          const s = String.fromCodePoint(c);
          return (pos.test(s) ? "1" : "0") + (neg.test(s) ? "1" : "0") + (cls.test(s) ? "1" : "0") + (ncls.test(s) ? "1" : "0");
        })
        .join(" ");
    } catch (e) {
      res = "ERR " + e.name;
    }
    out.push(body + ": " + res);
  }
  return out.join("\n");
})

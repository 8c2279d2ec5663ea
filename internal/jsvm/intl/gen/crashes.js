// crashes.js finds the DateTimeFormat option sets whose formatToParts aborts Node 20 for a locale (V8 reaches
// "unreachable code" on a pattern field it has no part type for: gd and ksh with a year and a month but no
// day). A crash cannot be caught, so every generator must skip these before asking (locales.js unsafe),
// and jsvm throws a RangeError for them. Run by gen/generate.sh:
//   node gen/crashes.js > gen/crashes.json
//
// The parent runs a child over every locale and date option set; the child writes what it is about to try
// to a file first, so when it dies the parent records that option set and restarts after it.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const W = (vals) => [undefined, ...vals];
const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
function options() {
  const out = [];
  for (const weekday of W(["long", "short", "narrow"]))
    for (const year of W(["numeric", "2-digit"]))
      for (const month of W(["numeric", "2-digit", "long", "short", "narrow"]))
        for (const day of W(["numeric", "2-digit"])) {
          const o = clean({ weekday, year, month, day });
          if (Object.keys(o).length) out.push(o);
        }
  for (const dateStyle of W(["full", "long", "medium", "short"]))
    for (const timeStyle of W(["full", "long", "medium", "short"])) if (dateStyle || timeStyle) out.push(clean({ dateStyle, timeStyle }));
  return out;
}
const key = (o) => Object.entries(o).map(([k, v]) => `${k}=${v}`).join(",");

if (process.argv[2] === "child") {
  const [, , , log, from] = process.argv;
  const { available } = require("./locales.js");
  const opts = options();
  const fd = fs.openSync(log, "w");
  let [li, oi] = from.split(":").map(Number);
  for (; li < available.length; li++, oi = 0) {
    for (; oi < opts.length; oi++) {
      fs.writeSync(fd, `${li}:${oi}\n`);
      const f = new Intl.DateTimeFormat(available[li], { timeZone: "UTC", ...opts[oi] });
      f.formatToParts(Date.UTC(2001, 1, 3, 16, 5, 6));
      f.formatRangeToParts(Date.UTC(2001, 1, 3, 16, 5, 6), Date.UTC(2002, 5, 9, 3, 7, 8));
    }
  }
  fs.writeSync(fd, "done\n");
  process.exit(0);
}

const { available } = require("./locales.js");
const opts = options();
const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "crashes-")), "log");
const found = {};
let from = "0:0";
for (;;) {
  spawnSync(process.execPath, [__filename, "child", log, from], { stdio: "ignore" });
  const lines = fs.readFileSync(log, "utf8").trim().split("\n");
  const last = lines[lines.length - 1];
  if (last === "done") break;
  const [li, oi] = last.split(":").map(Number);
  (found[available[li]] = found[available[li]] || []).push(key(opts[oi]));
  from = oi + 1 < opts.length ? `${li}:${oi + 1}` : `${li + 1}:0`;
}
fs.rmSync(path.dirname(log), { recursive: true });
process.stderr.write(`crashes.js: ${Object.values(found).flat().length} option sets abort Node in ${Object.keys(found).join(", ") || "no locale"}\n`);
process.stdout.write(JSON.stringify({ icu: process.versions.icu, locales: found }, null, 1) + "\n");

// emoji.js extracts the emoji binary properties from Node's regexp engine (ICU data), which Go's unicode
// package does not have, as inclusive code point ranges. Run by:
//   go generate ./internal/jsvm/uniprop   (runs: node gen/emoji.js > emoji.json in internal/jsvm/uniprop)
"use strict";

const PROPERTIES = ["Emoji", "Emoji_Presentation", "Emoji_Modifier", "Emoji_Modifier_Base", "Emoji_Component", "Extended_Pictographic"];

const out = { unicode: process.versions.unicode, properties: {} };
for (const name of PROPERTIES) {
  const re = new RegExp(`^\\p{${name}}$`, "u");
  const ranges = [];
  let start = -1;
  for (let c = 0; c <= 0x110000; c++) {
    const hit = c < 0x110000 && re.test(String.fromCodePoint(c));
    if (hit && start < 0) start = c;
    if (!hit && start >= 0) {
      ranges.push([start, c - 1]);
      start = -1;
    }
  }
  out.properties[name] = ranges;
}
process.stdout.write(JSON.stringify(out) + "\n");

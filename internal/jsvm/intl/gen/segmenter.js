// segmenter.js extracts from Node's ICU the Indic_Conjunct_Break property (Unicode 15.1's rule GB9c: a
// consonant, a virama and a consonant are one grapheme cluster, "क्ष"), which github.com/rivo/uniseg's
// Unicode 15.0 tables predate. Each class is found by asking Node's Intl.Segmenter about every candidate
// code point, so the data is ICU's own:
//   linker:    "क" L "क" is one grapheme;
//   consonant: "क्" C is one grapheme;
//   extend:    "क" E "्क" is one grapheme (E not a linker).
// Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh writes its output to segmenter.json)
"use strict";

const seg = new Intl.Segmenter("en", { granularity: "grapheme" });
const one = (s) => {
  const it = seg.segment(s)[Symbol.iterator]();
  it.next();
  return it.next().done;
};
const KA = "\u0915", VIRAMA = "\u094D";

const ranges = (pred) => {
  const out = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!pred(String.fromCodePoint(cp))) continue;
    const last = out[out.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
};

const mark = /^[\p{M}\u200D]$/u, letter = /^\p{L}$/u;
const linker = ranges((c) => mark.test(c) && one(KA + c + KA));
const isLinker = (c) => linker.some(([a, b]) => c.codePointAt(0) >= a && c.codePointAt(0) <= b);
const consonant = ranges((c) => letter.test(c) && one(KA + VIRAMA + c));
const extend = ranges((c) => mark.test(c) && !isLinker(c) && one(KA + c + VIRAMA + KA));

process.stdout.write(JSON.stringify({ icu: process.versions.icu, unicode: process.versions.unicode, linker, consonant, extend }) + "\n");

// props.js extracts, from Node's own regexp engine, every Unicode property V8 accepts in \p{…}: the names
// (with their aliases) and the code points each matches. Go's unicode package trails Node's Unicode version
// (process.versions.unicode), so the tables come from Node itself. Run by:
//   go generate ./internal/jsvm/uniprop   (runs: node gen/props.js > props.json in internal/jsvm/uniprop)
//
// Output: {"unicode": version, "names": {kind: {name: canonical}}, "tables": {key: ranges}} where kind is
// "gc" (General_Category values, also accepted alone), "sc" (Script and Script_Extensions values) or
// "binary"; keys are "gc:Lu", "sc:Latn", "scx:Latn", "binary:ID_Start"; ranges are inclusive code point
// ranges written as base-36 numbers, alternately the gap since the previous range's end and the range's
// length minus one.
"use strict";

const accepts = (body) => {
  try {
    new RegExp(`\\p{${body}}`, "u");
    return true;
  } catch {
    return false;
  }
};

// General_Category values (ECMA-262 table "Value aliases and canonical values for General_Category").
const GC = {
  Lu: ["Uppercase_Letter"], Ll: ["Lowercase_Letter"], Lt: ["Titlecase_Letter"], LC: ["Cased_Letter"],
  Lm: ["Modifier_Letter"], Lo: ["Other_Letter"], L: ["Letter"], Mn: ["Nonspacing_Mark"], Mc: ["Spacing_Mark"],
  Me: ["Enclosing_Mark"], M: ["Mark", "Combining_Mark"], Nd: ["Decimal_Number", "digit"], Nl: ["Letter_Number"],
  No: ["Other_Number"], N: ["Number"], Pc: ["Connector_Punctuation"], Pd: ["Dash_Punctuation"],
  Ps: ["Open_Punctuation"], Pe: ["Close_Punctuation"], Pi: ["Initial_Punctuation"], Pf: ["Final_Punctuation"],
  Po: ["Other_Punctuation"], P: ["Punctuation", "punct"], Sm: ["Math_Symbol"], Sc: ["Currency_Symbol"],
  Sk: ["Modifier_Symbol"], So: ["Other_Symbol"], S: ["Symbol"], Zs: ["Space_Separator"], Zl: ["Line_Separator"],
  Zp: ["Paragraph_Separator"], Z: ["Separator"], Cc: ["Control", "cntrl"], Cf: ["Format"], Cs: ["Surrogate"],
  Co: ["Private_Use"], Cn: ["Unassigned"], C: ["Other"],
};

// Binary properties (ECMA-262 table "Binary Unicode property aliases").
const BINARY = {
  ASCII: [], ASCII_Hex_Digit: ["AHex"], Alphabetic: ["Alpha"], Any: [], Assigned: [], Bidi_Control: ["Bidi_C"],
  Bidi_Mirrored: ["Bidi_M"], Case_Ignorable: ["CI"], Cased: [], Changes_When_Casefolded: ["CWCF"],
  Changes_When_Casemapped: ["CWCM"], Changes_When_Lowercased: ["CWL"], Changes_When_NFKC_Casefolded: ["CWKCF"],
  Changes_When_Titlecased: ["CWT"], Changes_When_Uppercased: ["CWU"], Dash: [], Default_Ignorable_Code_Point: ["DI"],
  Deprecated: ["Dep"], Diacritic: ["Dia"], Emoji: [], Emoji_Component: ["EComp"], Emoji_Modifier: ["EMod"],
  Emoji_Modifier_Base: ["EBase"], Emoji_Presentation: ["EPres"], Extended_Pictographic: ["ExtPict"],
  Extender: ["Ext"], Grapheme_Base: ["Gr_Base"], Grapheme_Extend: ["Gr_Ext"], Hex_Digit: ["Hex"],
  IDS_Binary_Operator: ["IDSB"], IDS_Trinary_Operator: ["IDST"], ID_Continue: ["IDC"], ID_Start: ["IDS"],
  Ideographic: ["Ideo"], Join_Control: ["Join_C"], Logical_Order_Exception: ["LOE"], Lowercase: ["Lower"],
  Math: [], Noncharacter_Code_Point: ["NChar"], Pattern_Syntax: ["Pat_Syn"], Pattern_White_Space: ["Pat_WS"],
  Quotation_Mark: ["QMark"], Radical: [], Regional_Indicator: ["RI"], Sentence_Terminal: ["STerm"],
  Soft_Dotted: ["SD"], Terminal_Punctuation: ["Term"], Unified_Ideograph: ["UIdeo"], Uppercase: ["Upper"],
  Variation_Selector: ["VS"], White_Space: ["space"], XID_Continue: ["XIDC"], XID_Start: ["XIDS"],
};

// Script long names whose English display name differs from the Unicode property value.
const SCRIPT_LONG = {
  Beng: "Bengali", Cans: "Canadian_Aboriginal", Dupl: "Duployan", Egyp: "Egyptian_Hieroglyphs",
  Kits: "Khitan_Small_Script", Lana: "Tai_Tham", Lisu: "Lisu", Mand: "Mandaic", Mend: "Mende_Kikakui",
  Mero: "Meroitic_Hieroglyphs", Mtei: "Meetei_Mayek", Nkoo: "Nko", Nshu: "Nushu", Orkh: "Old_Turkic",
  Orya: "Oriya", Phag: "Phags_Pa", Plrd: "Miao", Rohg: "Hanifi_Rohingya", Wara: "Warang_Citi",
  Xsux: "Cuneiform", Zzzz: "Unknown", Qaac: "Coptic", Qaai: "Inherited",
};

// Every code point as two strings (lone surrogates are probed one by one: adjacent ones would pair up).
const chunks = [];
for (let c = 0; c < 0xd800; c += 4096) chunks.push(String.fromCodePoint(...range(c, Math.min(c + 4096, 0xd800))));
const low = chunks.join("");
chunks.length = 0;
for (let c = 0xe000; c < 0x110000; c += 4096) chunks.push(String.fromCodePoint(...range(c, Math.min(c + 4096, 0x110000))));
const high = chunks.join("");
function range(a, b) {
  const out = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}
const highCP = (i) => (i < 0x2000 ? 0xe000 + i : 0x10000 + (i - 0x2000) / 2);

function scan(body) {
  const out = [];
  for (const m of low.matchAll(new RegExp(`\\p{${body}}+`, "gu"))) out.push([m.index, m.index + m[0].length - 1]);
  const one = new RegExp(`^\\p{${body}}$`, "u");
  for (let c = 0xd800; c < 0xe000; c++) if (one.test(String.fromCharCode(c))) out.push([c, c]);
  for (const m of high.matchAll(new RegExp(`\\p{${body}}+`, "gu"))) out.push([highCP(m.index), highCP(m.index + m[0].length) - 1]);
  const merged = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

function encode(ranges) {
  let prev = -1;
  const parts = [];
  for (const [lo, hi] of ranges) {
    parts.push((lo - prev - 1).toString(36), (hi - lo).toString(36));
    prev = hi;
  }
  return parts.join(" ");
}

const names = { gc: {}, sc: {}, binary: {} };
const tables = {};
const need = (ok, what) => {
  if (!ok) throw new Error(`Node does not accept ${what}`);
};

for (const [short, longs] of Object.entries(GC)) {
  for (const n of [short, ...longs]) {
    need(accepts(n) && accepts(`gc=${n}`) && accepts(`General_Category=${n}`), `General_Category ${n}`);
    names.gc[n] = short;
  }
  tables["gc:" + short] = encode(scan(`gc=${short}`));
}
for (const [name, aliases] of Object.entries(BINARY)) {
  for (const n of [name, ...aliases]) {
    need(accepts(n), `binary property ${n}`);
    names.binary[n] = name;
  }
  tables["binary:" + name] = encode(scan(name));
}

// Script values: every four-letter code Node accepts, and its long name.
const L = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const codes = [];
for (const a of L) for (const b of L.toLowerCase()) for (const c of L.toLowerCase()) for (const d of L.toLowerCase()) {
  if (accepts(`sc=${a + b + c + d}`)) codes.push(a + b + c + d);
}
const display = new Intl.DisplayNames("en", { type: "script" });
const title = (s) => s.replace(/(^|_)(\w)/g, (_, sep, ch) => sep + ch.toUpperCase());
const longNames = new Map();
for (const code of codes) {
  const shown = display.of(code) || "";
  const candidates = [SCRIPT_LONG[code], shown.replace(/[’']/g, "").replace(/[ -]/g, "_")].filter(Boolean);
  candidates.push(...candidates.map(title));
  const long = candidates.find((n) => accepts(`sc=${n}`));
  need(long, `a long name for script ${code} (add it to SCRIPT_LONG)`);
  longNames.set(code, long);
}
// A long name of four letters (Miao, Thai) turns up among the codes too; it is a name, not a code.
const isLongOfOther = (code) => [...longNames].some(([c, long]) => long === code && c !== code);
for (const [code, long] of longNames) {
  if (isLongOfOther(code)) continue;
  const table = encode(scan(`sc=${code}`));
  need(encode(scan(`sc=${long}`)) === table, `${long} as the long name of ${code}`);
  const canonical = code === "Qaac" ? "Copt" : code === "Qaai" ? "Zinh" : code;
  for (const n of [code, long]) {
    for (const key of ["sc", "Script", "scx", "Script_Extensions"]) need(accepts(`${key}=${n}`), `${key}=${n}`);
    names.sc[n] = canonical;
  }
  if (canonical !== code) continue;
  tables["sc:" + code] = table;
  tables["scx:" + code] = encode(scan(`scx=${code}`));
}

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const out = { unicode: process.versions.unicode, node: process.version, names: { gc: sorted(names.gc), sc: sorted(names.sc), binary: sorted(names.binary) }, tables: sorted(tables) };
process.stdout.write(JSON.stringify(out, null, 0).replace(/,"/g, ',\n"') + "\n");

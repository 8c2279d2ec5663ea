// Strings outside the BMP: UTF-16 length vs code points, surrogate pairs,
// codePointAt, normalization and case mapping.
export default function Astral({ s }) {
  const cps = [...s];
  return (
    <div title={s} data-emoji="👍🏽">
      <p>{s}</p>
      <p>{s.length}|{cps.length}|{Array.from(s).length}</p>
      <p>{cps.map((c) => c.codePointAt(0).toString(16)).join(" ")}</p>
      <p>{s.codePointAt(0)}|{s.charCodeAt(0)}|{s.codePointAt(1)}</p>
      <p>{String.fromCodePoint(0x1f600, 0x41, 0x10ffff).length}</p>
      <p>{cps.reverse().join("")}</p>
      <p>{s.slice(0, 1).length}|{encodeURIComponent(s.slice(0, 1) === "\ud83d" ? "lone" : "pair")}</p>
      <p>{"e\u0301".normalize("NFC").length}|{"é".normalize("NFD").length}|{"ﬁ".normalize("NFKC")}</p>
      <p>{"straße".toUpperCase()}|{"İstanbul".toLowerCase().length}|{"ǅ".toLowerCase()}</p>
      <p>{"😀".padStart(4, "ab")}|{"x".repeat(3)}|{"  trim\u3000".trim()}!</p>
      <p>{[..."👨‍👩‍👧"].length}</p>
      <p>{s.at(-1)}|{"abc".at(-1)}</p>
    </div>
  );
}

// Regular expressions: Unicode property escapes (esbuild lowers these to
// new RegExp(...) for goja), named groups, lookbehind, the u and s flags.
export default function Regexes({ text, price }) {
  const letters = text.match(/\p{L}+/gu) || [];
  const upper = text.match(/\p{Lu}/gu) || [];
  const greek = text.match(/\p{Script=Greek}+/gu) || [];
  const notLetters = text.replace(/[^\p{L}\p{N}\s]/gu, "_");
  const date = /(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})/u.exec("on 2024-01-15 ok");
  const swapped = "2024-01-15".replace(/(?<y>\d+)-(?<m>\d+)-(?<d>\d+)/, "$<d>.$<m>.$<y>");
  const amount = price.match(/(?<=\$)\d+(\.\d+)?/);
  const notAfter = "a1 b2 $3".match(/(?<!\$)\d/g);
  const emoji = "a😀b".match(/./gu);
  const noU = "a😀b".match(/./g);
  const dotAll = /a.b/s.test("a\nb");
  const sticky = /foo/y;
  sticky.lastIndex = 3;
  const all = [..."x1y22z333".matchAll(/(?<digits>\d+)/g)].map((m) => `${m.index}:${m.groups.digits}`);
  return (
    <ul>
      <li>{letters.join("|")}</li>
      <li>{upper.join("")}</li>
      <li>{greek.join("|")}</li>
      <li>{notLetters}</li>
      <li>{date.groups.year}/{date.groups.month}/{date.groups.day} at {date.index}</li>
      <li>{swapped}</li>
      <li>{amount && amount[0]}</li>
      <li>{notAfter.join(",")}</li>
      <li>{emoji.length}|{noU.length}</li>
      <li>{String(dotAll)}|{String(sticky.test("barfoo"))}</li>
      <li>{all.join(",")}</li>
      <li>{String(/\p{Emoji_Presentation}/u.test("😀"))}|{String(/^\p{Nd}+$/u.test("١٢٣"))}|{String(/\P{L}/u.test("é"))}</li>
      <li>{"Straße ΣΑΣ İ".split(/\s+/u).map((w) => w.toLowerCase()).join(" ")}</li>
      <li>{String(/[\u{1F600}-\u{1F64F}]/u.test("😃"))}|{"a-b_c d".split(/[-_\s]/).join("+")}</li>
    </ul>
  );
}

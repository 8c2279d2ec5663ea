// String collation: localeCompare and Intl.Collator order accents, case
// and digits by locale; a plain sort orders by UTF-16 code units.
export default function LocaleCompare({ words }) {
  const sorted = (cmp) => [...words].sort(cmp).join(", ");
  return (
    <dl>
      <dt>code units</dt>
      <dd>{sorted()}</dd>
      <dt>localeCompare</dt>
      <dd>{sorted((a, b) => a.localeCompare(b))}</dd>
      <dt>de</dt>
      <dd>{sorted((a, b) => a.localeCompare(b, "de"))}</dd>
      <dt>sv</dt>
      <dd>{sorted((a, b) => a.localeCompare(b, "sv"))}</dd>
      <dt>base sensitivity</dt>
      <dd>{sorted(new Intl.Collator("en", { sensitivity: "base" }).compare)}</dd>
      <dt>numeric</dt>
      <dd>{["item10", "item2", "item1", "Item3"].sort(new Intl.Collator("en", { numeric: true }).compare).join(", ")}</dd>
      <dt>compare values</dt>
      <dd>{[["a", "b"], ["a", "A"], ["ä", "a"], ["résumé", "resume"], ["a", "a"]].map(([x, y]) => x.localeCompare(y)).join(" ")}</dd>
      <dd>{String("a".localeCompare("A", "en", { sensitivity: "base" }))}</dd>
    </dl>
  );
}

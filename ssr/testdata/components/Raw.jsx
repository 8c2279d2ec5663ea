// Raw writes what its props hold unescaped (dangerouslySetInnerHTML), in an
// attribute and as text: hostile HTML for the page-finishing fuzz target.
export default function Raw({ html = "", attr = "", text = "" }) {
  return (
    <section title={attr}>
      <div dangerouslySetInnerHTML={{ __html: html }} />
      {text}
    </section>
  );
}

// Escaping: text escapes & < > " ', attributes escape the same set;
// script and style children are raw; javascript: URLs are replaced.
export default function Escaping({ text, attr }) {
  return (
    <div title={attr} data-x={text}>
      <p>{text}</p>
      <p>{"</script><script>alert(1)</script>"}</p>
      <p>{"a & b &amp; c &lt; d"}</p>
      <p>{`"double" 'single' \`back\``}</p>
      <a href={attr}>link</a>
      <a href="javascript:alert(1)">js</a>
      <a href={"  JaVaScRiPt:void(0)"}>js2</a>
      <img alt={text} src={`/img?q=${attr}&x=1`} />
      <textarea defaultValue={text} />
      <option>{text}</option>
      <pre>{"  leading spaces\n\ttab\r\nCRLF"}</pre>
      <p>{"\u00a0nbsp\u2028ls\u2029ps\u0000nul"}</p>
      <style>{".a > .b { content: \"</style>\"; }"}</style>
      <noscript>{"<b>no</b>"}</noscript>
    </div>
  );
}

import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";
import javascript from "highlight.js/lib/languages/javascript";
import xml from "highlight.js/lib/languages/xml";

hljs.registerLanguage("python", python);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("xml", xml);

export default function Highlight({ code, language }) {
  const html = language ? hljs.highlight(code, { language }).value : hljs.highlightAuto(code).value;
  return <pre><code className="hljs" dangerouslySetInnerHTML={{ __html: html }} /></pre>;
}

// dangerouslySetInnerHTML is written verbatim, including in script and
// style; the wrapper's own attributes are still escaped.
export default function DangerousHTML({ html, json }) {
  return (
    <div>
      <div className="raw" dangerouslySetInnerHTML={{ __html: html }} />
      <script type="application/json" dangerouslySetInnerHTML={{ __html: JSON.stringify(json).replace(/</g, "\\u003c") }} />
      <script dangerouslySetInnerHTML={{ __html: "window.__x = 1 < 2 && '</div>';" }} />
      <style dangerouslySetInnerHTML={{ __html: "a::before { content: '<&>'; }" }} />
      <span dangerouslySetInnerHTML={{ __html: "" }} />
      <textarea dangerouslySetInnerHTML={undefined} defaultValue="t" />
    </div>
  );
}

// React 19 document metadata rendered inside a component: <title>, <meta>,
// <link rel="stylesheet" precedence>, async scripts and <style href
// precedence> are hoistable; renderToString decides where they go.
export default function DocumentMetadata({ title, description }) {
  return (
    <article>
      <title>{title}</title>
      <meta name="description" content={description} />
      <meta property="og:title" content={title} />
      <link rel="stylesheet" href="/styles/base.css" precedence="default" />
      <link rel="stylesheet" href="/styles/theme.css" precedence="high" />
      <link rel="stylesheet" href="/styles/base.css" precedence="default" />
      <link rel="canonical" href="https://example.com/page?a=1&b=2" />
      <link rel="preload" href="/font.woff2" as="font" type="font/woff2" crossOrigin="" />
      <link rel="icon" href="/favicon.ico" />
      <script async src="/analytics.js" />
      <style href="inline-1" precedence="default">{".x { color: red; }"}</style>
      <h1>{title}</h1>
      <p>{description}</p>
    </article>
  );
}

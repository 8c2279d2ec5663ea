// ArticleBody renders an article's text; it is used as a static island,
// so it ships no JavaScript.
export default function ArticleBody({ title, author, published, paragraphs = [] }) {
  const date = new Date(published);
  return (
    <article>
      <h1>{title}</h1>
      <p className="byline">
        By {author} · <time dateTime={date.toISOString()}>{date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })}</time>
      </p>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </article>
  );
}

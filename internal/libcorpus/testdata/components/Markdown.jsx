import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";

export default function MarkdownView({ source }) {
  return <article><Markdown remarkPlugins={[remarkGfm]}>{source}</Markdown></article>;
}

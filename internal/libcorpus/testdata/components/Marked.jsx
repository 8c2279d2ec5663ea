import { marked } from "marked";

export default function Marked({ source }) {
  return <div dangerouslySetInnerHTML={{ __html: marked.parse(source, { async: false }) }} />;
}

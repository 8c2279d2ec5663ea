import slugify from "slugify";
import pluralize from "pluralize";

export default function Slugify({ title, n }) {
  return <a href={"/posts/" + slugify(title, { lower: true, strict: true })}>{n} {pluralize("person", n)} · {pluralize.singular("octopi")}</a>;
}

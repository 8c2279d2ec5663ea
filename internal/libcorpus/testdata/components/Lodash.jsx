import { groupBy, sortBy, startCase, kebabCase, template, chunk, deburr } from "lodash-es";

const tpl = template("Hi <%= name %>, you have <%- count %> <b>new</b>");

export default function Lodash({ people }) {
  const groups = groupBy(sortBy(people, "name"), "team");
  return (
    <div>
      {Object.entries(groups).map(([team, ps]) => <p key={team}>{startCase(team)}: {ps.map((p) => kebabCase(p.name)).join(", ")}</p>)}
      <p>{tpl({ name: "Ada", count: "<3>" })}</p>
      <p>{JSON.stringify(chunk([1, 2, 3, 4, 5], 2))} {deburr("déjà vu Ærøskøbing")}</p>
    </div>
  );
}

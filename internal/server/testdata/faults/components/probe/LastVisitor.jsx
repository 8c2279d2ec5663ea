// Module-level state: the previous render's props survive into the next render on the same runtime.
let last = "nobody";
export default function LastVisitor({ user }) {
  const prev = last;
  last = user;
  return <p className="visitor">hello {user}, previous {prev}</p>;
}

export default function Boom({ why = "kaboom" }) {
  throw new Error("Boom failed: " + why);
}

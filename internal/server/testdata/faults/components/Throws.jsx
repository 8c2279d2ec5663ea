export default function Throws() {
  throw new TypeError("Throws always throws");
}

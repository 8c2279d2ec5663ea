export default function Broken() {
  return null.nope;
}

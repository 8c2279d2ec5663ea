export default function Chatty() {
  console.log("rendering chatty", 42);
  return <i>chatty</i>;
}

export default function Loops() {
  let i = 0;
  while (true) i++;
}

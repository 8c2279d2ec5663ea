export default function Loop() {
  // An endless loop: the render deadline must interrupt it.
  for (;;) {}
}

// Loop never returns, so only the job deadline ends its render.
export default function Loop() {
  // eslint-disable-next-line no-constant-condition
  while (true) {}
}

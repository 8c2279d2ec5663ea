// A loop that keeps 16 MB a step: only memory can stop it before the deadline.
export default function AllocLoop() {
  const keep = [];
  for (;;) keep.push("x".repeat(1 << 24) + keep.length);
}

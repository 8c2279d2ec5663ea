// Boom throws during render, so its job fails and hypernova-client falls
// back to client rendering.
export default function Boom({ reason = "boom" }) {
  throw new TypeError("Boom exploded: " + reason);
}

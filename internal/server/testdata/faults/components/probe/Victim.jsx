// Renders what a later visitor would see of a polluted Object.prototype.
export default function Victim() {
  return <p className="victim">polluted={String({}.polluted)}</p>;
}

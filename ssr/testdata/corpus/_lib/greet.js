// A module the DynamicImport* corpus components load with import().
export const greet = (name) => `Hello, ${name}!`;
export default function Lazy({ label }) {
  return label.toUpperCase();
}

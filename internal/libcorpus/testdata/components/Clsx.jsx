import clsx from "clsx";

export default function Clsx({ active, size }) {
  return <button className={clsx("btn", { "btn-active": active, disabled: !active }, size && `btn-${size}`, [null, ["nested", 0]])}>go</button>;
}

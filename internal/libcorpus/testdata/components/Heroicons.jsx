import { BeakerIcon } from "@heroicons/react/24/solid";
import { BellIcon } from "@heroicons/react/24/outline";

export default function Heroicons({ title }) {
  return (
    <span>
      <BeakerIcon className="size-6" title={title} />
      <BellIcon className="size-6" />
    </span>
  );
}

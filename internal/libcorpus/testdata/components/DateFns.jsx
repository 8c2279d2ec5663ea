import { format, formatDistanceStrict, addDays, differenceInCalendarDays, parseISO, formatISO } from "date-fns";
import { de, ja } from "date-fns/locale";

export default function DateFns({ iso }) {
  const d = parseISO(iso);
  return (
    <ul>
      <li>{format(d, "yyyy-MM-dd'T'HH:mm")}</li>
      <li>{format(d, "EEEE, do MMMM yyyy", { locale: de })}</li>
      <li>{format(d, "PPPP", { locale: ja })}</li>
      <li>{formatDistanceStrict(d, addDays(d, 45))}</li>
      <li>{differenceInCalendarDays(addDays(d, 10), d)}</li>
      <li>{formatISO(addDays(d, 1), { representation: "date" })}</li>
    </ul>
  );
}

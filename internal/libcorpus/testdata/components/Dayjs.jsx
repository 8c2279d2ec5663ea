import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import relativeTime from "dayjs/plugin/relativeTime";
import "dayjs/locale/fr";

dayjs.extend(utc);
dayjs.extend(relativeTime);

export default function Dayjs({ iso }) {
  const d = dayjs.utc(iso);
  return (
    <div>
      <time>{d.format("dddd D MMMM YYYY HH:mm")}</time>
      <time>{d.locale("fr").format("dddd D MMMM YYYY")}</time>
      <span>{d.from(d.add(3, "day"))}</span>
      <span>{d.add(1, "month").toISOString()}</span>
    </div>
  );
}

import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";

dayjs.extend(utc);
dayjs.extend(timezone);

export default function DayjsTimezone({ iso, zone }) {
  const d = dayjs.utc(iso).tz(zone);
  return <time>{d.format("YYYY-MM-DD HH:mm z")}</time>;
}

import { DayPicker } from "react-day-picker";

// react-day-picker: a month grid for a fixed month, with a selected day,
// a range, disabled days, week numbers and outside days. "today" is fixed
// so that the HTML does not depend on the clock. No timeZone prop: with one,
// react-day-picker formats through Intl.DateTimeFormat's
// timeZoneName "longOffset", which jsvm's Intl does not implement (both
// sides render in UTC anyway).
export default function DayPickerDemo({ year, month, day, weekStartsOn }) {
  const shown = new Date(Date.UTC(year, month, 1, 12));
  const selected = new Date(Date.UTC(year, month, day, 12));
  return (
    <div>
      <DayPicker
        mode="single"
        month={shown}
        selected={selected}
        today={new Date(Date.UTC(year, month, 2, 12))}
        showOutsideDays
        showWeekNumber
        weekStartsOn={weekStartsOn}
        disabled={{ dayOfWeek: [0] }}
        footer={<p>Selected day {day}</p>}
      />
      <DayPicker
        mode="range"
        month={shown}
        selected={{ from: selected, to: new Date(Date.UTC(year, month, day + 3, 12)) }}
        today={new Date(Date.UTC(year, month, 2, 12))}
        numberOfMonths={2}
        captionLayout="label"
      />
    </div>
  );
}

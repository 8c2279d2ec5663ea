// ranges.js runs in goja (after intl.Install) and in Node: Intl.NumberFormat and Intl.DateTimeFormat
// formatRange and formatRangeToParts for every locale × options × pair of values (equal, close, far,
// negative, reversed; dates across seconds, hours, noon, days, months and years). One line per case: the
// output, or "THROW " with the error's name and message.
(function ranges(locales) {
  const out = [];
  const run = (label, f) => {
    let r;
    try {
      r = f();
    } catch (e) {
      r = "THROW " + e.name + ": " + e.message;
    }
    out.push(label + " => " + r);
  };
  const partsText = (ps) => ps.map((p) => `${p.type}/${p.source}:${p.value}`).join("|");
  const numberOptions = [
    {}, { maximumFractionDigits: 0 }, { minimumFractionDigits: 2 }, { style: "percent" }, { style: "currency", currency: "EUR" },
    { style: "currency", currency: "USD" }, { style: "currency", currency: "USD", currencyDisplay: "code" }, { style: "currency", currency: "JPY" },
    { style: "currency", currency: "CHF" }, { notation: "compact" }, { notation: "compact", compactDisplay: "long" },
    { style: "unit", unit: "kilometer" }, { style: "unit", unit: "kilometer", unitDisplay: "long" }, { style: "unit", unit: "hour", unitDisplay: "long" },
    { style: "unit", unit: "percent" }, { notation: "scientific" }, { signDisplay: "always" }, { signDisplay: "exceptZero" },
    { style: "currency", currency: "EUR", currencyDisplay: "narrowSymbol" }, { style: "currency", currency: "INR" },
    { style: "unit", unit: "kilometer-per-hour", unitDisplay: "narrow" }, { style: "unit", unit: "liter", unitDisplay: "long" },
    { style: "unit", unit: "megabyte", notation: "compact" }, { notation: "engineering" }, { maximumSignificantDigits: 2 },
    { useGrouping: false }, { style: "percent", signDisplay: "exceptZero" }, { signDisplay: "never" },
    { style: "currency", currency: "EUR", signDisplay: "always" }, { notation: "compact", signDisplay: "always" }, { signDisplay: "negative" }, { style: "currency", currency: "USD", currencySign: "accounting" },
    { style: "currency", currency: "CHF", currencySign: "accounting", signDisplay: "always" }, { style: "currency", currency: "EUR", currencyDisplay: "code", currencySign: "accounting" },
    { style: "unit", unit: "megabyte", notation: "compact", compactDisplay: "long" }, { style: "unit", unit: "percent", unitDisplay: "long" },
  ];
  const numberPairs = [[3, 5], [5, 5], [-3, 5], [-5, -3], [3, -5], [0, 0], [-0, 0], [1, 1.5], [1, 2], [2, 21], [1.0001, 1.0002],
    [1000, 5000], [1000, 5e6], [0.03, 0.05], [1234.5, 98765.4], [Infinity, 5], [-Infinity, Infinity], [5, 3], [0.5, 1.5], [999, 1001],
    [1e6, 1e6 + 1], [-1, 1], [2, 2.001]];
  const dateOptions = [
    {}, { dateStyle: "medium" }, { dateStyle: "long" }, { dateStyle: "full" }, { dateStyle: "short", timeStyle: "short" },
    { dateStyle: "medium", timeStyle: "short" }, { timeStyle: "short" }, { timeStyle: "medium", hour12: false },
    { year: "numeric", month: "short", day: "numeric" }, { year: "numeric", month: "long", day: "numeric" }, { month: "short", day: "numeric" },
    { weekday: "short", month: "short", day: "numeric" }, { month: "long" }, { year: "numeric", month: "2-digit", day: "2-digit" },
    { hour: "numeric", minute: "2-digit" }, { hour: "numeric", minute: "2-digit", hour12: false }, { hour: "numeric" },
    { hour: "2-digit", minute: "2-digit", second: "2-digit" }, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" },
    { timeZoneName: "short", hour: "numeric" }, { era: "long" },
    { weekday: "long", year: "numeric", month: "long", day: "numeric" }, { hour: "numeric", hour12: true }, { timeStyle: "short", hour12: true },
    { dateStyle: "short", timeStyle: "medium" }, { month: "numeric", day: "numeric" }, { year: "2-digit", month: "2-digit", day: "2-digit" },
    { month: "long", year: "numeric" }, { weekday: "short" }, { hour: "2-digit", minute: "2-digit", hour12: true }, { dateStyle: "full", timeStyle: "full" },
    { minute: "2-digit", second: "2-digit" }, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" },
  ];
  const U = (y, mo, d, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const base = U(2024, 1, 5, 10, 7, 8);
  const datePairs = [[base, base], [base, base + 400], [base, base + 30e3], [base, U(2024, 1, 5, 10, 45)], [base, U(2024, 1, 5, 11, 0)],
    [base, U(2024, 1, 5, 15, 30)], [U(2024, 1, 5, 0, 0), U(2024, 1, 5, 12, 0)], [base, U(2024, 1, 6, 9)], [base, U(2024, 1, 7, 10, 7, 8)],
    [base, U(2024, 2, 29, 23, 59)], [U(2023, 12, 31, 22), U(2024, 1, 1, 2)], [base, U(2026, 7, 4, 8, 5)], [U(2024, 1, 7), base],
    [U(2024, 3, 10, 6, 59), U(2024, 3, 10, 7, 1)], [U(2024, 6, 1, 12), U(2024, 6, 1, 12, 30)], [U(2024, 6, 1, 23, 30), U(2024, 6, 2, 0, 30)]];
  const dz = (x) => (Object.is(x, -0) ? "-0" : String(x));
  // once builds a formatter for all pairs; one that cannot be built throws again in each case.
  const once = (make) => {
    let f = null;
    try {
      f = make();
    } catch (e) {}
    return () => f || make();
  };
  for (const loc of locales) {
    for (const o of numberOptions) {
      const nf = once(() => new Intl.NumberFormat(loc, o));
      for (const [x, y] of numberPairs) {
        const label = `${loc} NumberFormat ${JSON.stringify(o)} ${dz(x)} ${dz(y)}`;
        run(label, () => nf().formatRange(x, y));
        run(label + " parts", () => partsText(nf().formatRangeToParts(x, y)));
      }
    }
    for (const timeZone of ["UTC", "America/New_York"]) {
      for (const o of timeZone === "UTC" ? dateOptions : dateOptions.slice(0, 10)) {
        const df = once(() => new Intl.DateTimeFormat(loc, { timeZone, ...o }));
        for (const [a, b] of datePairs) {
          const label = `${loc} DateTimeFormat ${timeZone} ${JSON.stringify(o)} ${a} ${b}`;
          run(label, () => df().formatRange(a, b));
          run(label + " parts", () => partsText(df().formatRangeToParts(new Date(a), new Date(b))));
        }
      }
    }
  }
  const nf = new Intl.NumberFormat("en-US");
  const df = new Intl.DateTimeFormat("en-US", { timeZone: "UTC" });
  for (const [x, y] of [[NaN, 1], [1, NaN], [undefined, 1], [1, undefined], [undefined, undefined], [1n, 2n], ["1", "2"], [null, 1], ["x", 2], [1, {}]]) {
    run(`NumberFormat errors ${String(x)} ${String(y)}`, () => nf.formatRange(x, y));
    run(`NumberFormat errors parts ${String(x)} ${String(y)}`, () => partsText(nf.formatRangeToParts(x, y)));
    run(`DateTimeFormat errors ${String(x)} ${String(y)}`, () => df.formatRange(x, y));
  }
  run("NumberFormat receiver", () => Intl.NumberFormat.prototype.formatRange.call({}, 1, 2));
  run("DateTimeFormat receiver", () => Intl.DateTimeFormat.prototype.formatRange.call({}, 1, 2));
  return out.join("\n");
})
